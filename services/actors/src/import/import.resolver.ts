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
      'Imports actors from a CSV with SIRENE column names (siret, denominationUniteLegale, categorieJuridiqueUniteLegale, …). ' +
      'A second import of the same SIRETs updates them. With bad rows nothing is written unless skipInvalidRows is true; dryRun only reports.',
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
