// The SIRENE import mutation (request path; an upload job calls SireneImportService.importRows with a stream).
import { Role, type RequestContext } from '@ess/kit';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ActorImportReport } from './import.types';
import type { SireneImportService } from './sirene-import.service';

@Resolver()
export class ImportResolver {
  constructor(private readonly importer: SireneImportService) {}

  @Authorized(Role.Editor)
  @Mutation(() => ActorImportReport, {
    description:
      "Imports actors from a CSV in one of INSEE's SIRENE layouts: StockUniteLegale (the head office's SIRET is siren + " +
      'nicSiegeUniteLegale), StockEtablissement, or both joined; UTF-8 with or without BOM, separated by , or ;. ' +
      'A second import of the same SIRETs updates what changed and says when nothing did. With bad rows nothing is written ' +
      'unless skipInvalidRows is true; dryRun only reports. At most 20 000 rows per request.',
  })
  importActors(
    @Ctx() context: RequestContext,
    @Arg('csv', () => String) csv: string,
    @Arg('authority', () => String, { description: 'Département new actors belong to.' }) authority: string,
    @Arg('skipInvalidRows', () => Boolean, { defaultValue: false }) skipInvalidRows: boolean,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
  ): Promise<ActorImportReport> {
    return this.importer.importCsv(context, csv, { authority, skipInvalidRows, dryRun });
  }
}
