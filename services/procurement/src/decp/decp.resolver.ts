// DECP files in and out: the import (editors of the authority) and the export (public: the DECP is open data).
import { Role, type RequestContext } from '@ess/kit';
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { DecpExportService } from './decp-export.service';
import type { DecpImportService } from './decp-import.service';
import { DecpExport, DecpExportFormat, DecpImportReport } from './decp.types';

@Resolver()
export class DecpResolver {
  constructor(
    private readonly importer: DecpImportService,
    private readonly exporter: DecpExportService,
  ) {}

  @Authorized(Role.Editor)
  @Mutation(() => DecpImportReport, {
    description:
      'Imports DECP JSON (2024 format: {"marches": {"marche": [...]}}; also {"marches": [...]}, a bare list, and the 2019 format) into an authority. ' +
      'Contracts are matched on buyer SIRET + DECP id: a second import applies new modifications and never duplicates. ' +
      'With bad records nothing is written unless skipInvalidRecords is true; dryRun only reports.',
  })
  importDecp(
    @Ctx() context: RequestContext,
    @Arg('json', () => String) json: string,
    @Arg('authority', () => String, { description: 'Département the buyers of the file belong to.' }) authority: string,
    @Arg('skipInvalidRecords', () => Boolean, { defaultValue: false }) skipInvalidRecords: boolean,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
  ): Promise<DecpImportReport> {
    return this.importer.importJson(context, json, { authority, skipInvalidRecords, dryRun });
  }

  @Authorized(Role.Public)
  @Query(() => DecpExport, { nullable: true, description: 'The DECP file of an authority’s contracts (all years, or those notified in one year).' })
  decpExport(
    @Arg('authority', () => String) authority: string,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Arg('format', () => DecpExportFormat, { defaultValue: DecpExportFormat.JSON }) format: DecpExportFormat,
    @Arg('includeExtensions', () => Boolean, {
      defaultValue: false,
      description: 'Adds an `_ess` block to each JSON record (reserved basis, insertion hours) for moving data between platforms; leave false to publish.',
    })
    includeExtensions: boolean,
  ): Promise<DecpExport> {
    return this.exporter.export(authority, year ?? null, format, includeExtensions);
  }
}
