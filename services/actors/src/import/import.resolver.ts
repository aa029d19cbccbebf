// The SIRENE import mutation (request path; an upload job calls SireneImportService.importRows with a stream).
import { Role, type RequestContext } from '@ess/kit';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ActorImportReport } from './import.types';
import type { MapImportService } from './map-import.service';
import { MapImportDecision, MapImportReport } from './map-import.types';
import type { SireneImportService } from './sirene-import.service';

@Resolver()
export class ImportResolver {
  constructor(
    private readonly importer: SireneImportService,
    private readonly maps: MapImportService,
  ) {}

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

  @Authorized(Role.Editor)
  @Mutation(() => MapImportReport, {
    description:
      'Imports the elements of an ESS map exported from GoGoCarto (Carteco…): the JSON of /api/elements.json. ' +
      'An element is matched to an actor by SIRET; else registry actors of the same commune with a similar name are proposed ' +
      '(NEEDS_DECISION) and a person decides (decisions: LINK to one, CREATE, SKIP). The map’s id is kept: the next import ' +
      'updates, never duplicates. Run with dryRun for the preview, then with the decisions. With bad or undecided elements ' +
      'nothing is written unless skipInvalidRows.',
  })
  importMap(
    @Ctx() context: RequestContext,
    @Arg('json', () => String, { description: 'The map’s export: { "data": [elements] } or an array of elements.' }) json: string,
    @Arg('authority', () => String, { description: 'Département new actors belong to.' }) authority: string,
    @Arg('source', () => String, { defaultValue: 'gogocarto', description: 'Short name of the map (carteco…), whose ids the elements have.' })
    source: string,
    @Arg('decisions', () => [MapImportDecision], { defaultValue: [], description: 'A person’s decisions on proposed matches.' })
    decisions: MapImportDecision[],
    @Arg('skipInvalidRows', () => Boolean, { defaultValue: false }) skipInvalidRows: boolean,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
  ): Promise<MapImportReport> {
    return this.maps.importJson(context, json, { authority, source, decisions, skipInvalidRows, dryRun });
  }
}
