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
      'Imports a DECP file into an authority: JSON (2024 format {"marches": {"marche": [...]}}; also {"marches": [...]}, a bare list, ' +
      'the 2019 format, bare NaN values) or the XML variant (schema 2.0.2). Contracts are matched on buyer SIRET + DECP id: a second ' +
      'import applies new modifications and never duplicates; published initial data never change. Concessions are counted and listed ' +
      'in warnings. With bad records nothing is written unless skipInvalidRecords is true; dryRun only reports.',
  })
  importDecp(
    @Ctx() context: RequestContext,
    @Arg('json', () => String, { description: 'The file’s content: DECP JSON, or DECP XML (told apart by its first character, <).' })
    json: string,
    @Arg('authority', () => String, { description: 'Département the buyers of the file belong to.' }) authority: string,
    @Arg('skipInvalidRecords', () => Boolean, { defaultValue: false }) skipInvalidRecords: boolean,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
    @Arg('completeMissing', () => Boolean, {
      defaultValue: false,
      description:
        'Completes the fields the DECP 2024 format requires and a record lacks with their neutral value ' +
        '("Sans objet", "Pas de CCAG", false, "Pas de considération sociale"...), each completion listed in warnings; ' +
        'fields without one (formePrix, lieuExecution...) stay errors.',
    })
    completeMissing: boolean,
  ): Promise<DecpImportReport> {
    return this.importer.importText(context, json, { authority, skipInvalidRecords, dryRun, completeMissing });
  }

  @Authorized(Role.Public)
  @Query(() => DecpExport, {
    nullable: true,
    description: 'The DECP file of an authority’s contracts (all years, or those notified in one year).',
  })
  decpExport(
    @Arg('authority', () => String) authority: string,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Arg('format', () => DecpExportFormat, { defaultValue: DecpExportFormat.JSON }) format: DecpExportFormat,
    @Arg('includeExtensions', () => Boolean, {
      defaultValue: false,
      description:
        'Adds an `_ess` block to each JSON record (reserved basis, insertion hours, buyer name) for moving data between ' +
        'platforms; leave false to publish.',
    })
    includeExtensions: boolean,
  ): Promise<DecpExport> {
    return this.exporter.export(authority, year ?? null, format, includeExtensions);
  }
}
