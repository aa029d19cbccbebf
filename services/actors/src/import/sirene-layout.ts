// INSEE's SIRENE stock layouts (StockUniteLegale, StockEtablissement, and files joining both): which one a header is,
// and how one row of it becomes the changes of an actor, each problem naming the file's own column.
import { BadInputError, compactIdentifier } from '@ess/kit';
import { registerEnumType } from 'type-graphql';
import type { ActorChanges } from '../actor/actor.rules';
import { ActorStatus, EssStatus } from '../identifiers/codes';

export enum SireneLayout {
  STOCK_UNITE_LEGALE = 'STOCK_UNITE_LEGALE',
  STOCK_ETABLISSEMENT = 'STOCK_ETABLISSEMENT',
  JOINED = 'JOINED',
}
registerEnumType(SireneLayout, {
  name: 'SireneLayout',
  description:
    "Layout of a SIRENE file: INSEE's StockUniteLegale (one row per legal unit, its head office's SIRET built from siren + " +
    'nicSiegeUniteLegale), StockEtablissement (one row per establishment), or the two joined (establishment and legal-unit columns).',
});

export type SireneRow = Record<string, string | undefined>;

/** One data row of a file and its line there (the header is line 1), as a parser or an upload job yields them. */
export interface SireneRecord {
  row: SireneRow;
  line: number;
}

export interface RowProblem {
  column: string | null;
  message: string;
}

/** Columns only a legal-unit file has: with establishment columns, the file is the joined layout. */
const LEGAL_UNIT_COLUMNS = [
  'denominationUniteLegale',
  'categorieJuridiqueUniteLegale',
  'economieSocialeSolidaireUniteLegale',
  'nomUniteLegale',
  'activitePrincipaleUniteLegale',
  'trancheEffectifsUniteLegale',
  'identifiantAssociationUniteLegale',
  'nicSiegeUniteLegale',
];

const NAME_COLUMNS = [
  'denominationUniteLegale',
  'denominationUsuelle1UniteLegale',
  'denominationUsuelleEtablissement',
  'enseigne1Etablissement',
  'nomUniteLegale',
  'nomUsageUniteLegale',
];

/** INSEE writes [ND] (non diffusible) in the fields of a person who asked not to be published. */
const NOT_PUBLISHED = '[ND]';

/** The layout a header is in, or a BAD_USER_INPUT on the csv field saying what is missing. */
export function detectLayout(columns: string[]): SireneLayout {
  const has = (column: string) => columns.includes(column);
  const establishment = has('siret') || (has('siren') && has('nic'));
  let layout: SireneLayout;
  if (establishment) layout = LEGAL_UNIT_COLUMNS.some(has) ? SireneLayout.JOINED : SireneLayout.STOCK_ETABLISSEMENT;
  else if (has('siren') && has('nicSiegeUniteLegale')) layout = SireneLayout.STOCK_UNITE_LEGALE;
  else {
    throw BadInputError.field(
      'csv',
      'needs a siret column (or siren and nic, as in StockEtablissement, or siren and nicSiegeUniteLegale, as in StockUniteLegale)',
    );
  }
  if (!NAME_COLUMNS.some(has)) throw BadInputError.field('csv', `needs a name column: one of ${NAME_COLUMNS.join(', ')}`);
  return layout;
}

function value(row: SireneRow, column: string): string | undefined {
  const v = row[column]?.trim();
  return v === undefined || v === '' || v === NOT_PUBLISHED ? undefined : v;
}

/** The first of the columns the row has a value in, with that column (for error messages). */
function first(row: SireneRow, columns: string[]): { value: string; column: string } | undefined {
  for (const column of columns) {
    const v = value(row, column);
    if (v !== undefined) return { value: v, column };
  }
  return undefined;
}

/**
 * The name of an actor: the legal unit's name (joined and StockUniteLegale files), else the establishment's usual name
 * or sign (StockEtablissement), else, for a sole trader, first name and (usage or birth) surname.
 */
function nameOf(row: SireneRow): { value: string; column: string } | undefined {
  const named = first(row, [
    'denominationUniteLegale',
    'denominationUsuelle1UniteLegale',
    'denominationUsuelleEtablissement',
    'enseigne1Etablissement',
  ]);
  if (named) return named;
  const surname = first(row, ['nomUsageUniteLegale', 'nomUniteLegale']);
  if (!surname) return undefined;
  const firstName = value(row, 'prenomUsuelUniteLegale') ?? value(row, 'prenom1UniteLegale');
  return { value: firstName ? `${firstName} ${surname.value}` : surname.value, column: surname.column };
}

export interface MappedRow {
  changes: ActorChanges;
  /** The SIRET the row is about (compacted), or '' when it has none. */
  siret: string;
  /** For each field of the rules, the column of this file it came from. */
  columns: Record<string, string>;
}

/** Reads one row into the changes it asks for; problems of format go to `problems`. */
export function mapRow(layout: SireneLayout, row: SireneRow, problems: RowProblem[]): MappedRow {
  const columns: Record<string, string> = {};
  const changes: ActorChanges = {};
  const set = <K extends keyof ActorChanges>(field: K, column: string, v: ActorChanges[K] | undefined) => {
    columns[field] = column;
    if (v !== undefined) changes[field] = v;
  };

  let siret = '';
  if (layout === SireneLayout.STOCK_UNITE_LEGALE) {
    const siren = value(row, 'siren');
    const nic = value(row, 'nicSiegeUniteLegale');
    columns.siret = 'nicSiegeUniteLegale';
    if (siren && nic) siret = compactIdentifier(siren) + compactIdentifier(nic);
    else {
      const message = 'is empty: the head office SIRET (siren + nicSiegeUniteLegale) cannot be built';
      problems.push({ column: 'nicSiegeUniteLegale', message });
    }
  } else if (row.siret !== undefined) {
    columns.siret = 'siret';
    siret = compactIdentifier(value(row, 'siret') ?? '');
  } else {
    columns.siret = 'nic';
    const siren = value(row, 'siren');
    const nic = value(row, 'nic');
    if (siren && nic) siret = compactIdentifier(siren) + compactIdentifier(nic);
  }
  if (siret) changes.siret = siret;
  if (row.siren !== undefined) set('siren', 'siren', row.siren);

  const name = nameOf(row);
  columns.name = name?.column ?? NAME_COLUMNS.find((c) => row[c] !== undefined) ?? 'denominationUniteLegale';
  if (name) changes.name = name.value;
  else if (NAME_COLUMNS.some((c) => row[c]?.trim() === NOT_PUBLISHED)) {
    const message = 'is not published by INSEE ([ND], partial diffusion): the establishment cannot be imported';
    problems.push({ column: columns.name, message });
  } else changes.name = '';

  const legalForm = row.categorieJuridiqueUniteLegale;
  if (legalForm !== undefined) set('legalFormCode', 'categorieJuridiqueUniteLegale', legalForm);
  columns.legalFamily = 'categorieJuridiqueUniteLegale';
  // The establishment's own activity and headcount when the file has them, else the legal unit's.
  const naf = row.activitePrincipaleEtablissement !== undefined ? 'activitePrincipaleEtablissement' : 'activitePrincipaleUniteLegale';
  if (row[naf] !== undefined) set('nafCode', naf, row[naf]);
  const band = row.trancheEffectifsEtablissement !== undefined ? 'trancheEffectifsEtablissement' : 'trancheEffectifsUniteLegale';
  if (row[band] !== undefined) set('headcountBand', band, row[band]);
  const rna = row.identifiantAssociationUniteLegale;
  if (rna !== undefined) set('rna', 'identifiantAssociationUniteLegale', rna);

  const ess = row.economieSocialeSolidaireUniteLegale;
  if (ess !== undefined) {
    columns.essStatus = 'economieSocialeSolidaireUniteLegale';
    const flag = ess.trim().toUpperCase();
    if (flag === '') changes.essStatus = EssStatus.UNKNOWN;
    else if (['O', 'OUI', 'TRUE', '1'].includes(flag)) changes.essStatus = EssStatus.ESS;
    else if (['N', 'NON', 'FALSE', '0'].includes(flag)) changes.essStatus = EssStatus.NOT_ESS;
    else problems.push({ column: 'economieSocialeSolidaireUniteLegale', message: `must be O, N or empty, got "${ess}"` });
  }

  const stateColumn = row.etatAdministratifEtablissement !== undefined ? 'etatAdministratifEtablissement' : 'etatAdministratifUniteLegale';
  const state = row[stateColumn]?.trim().toUpperCase();
  if (state) {
    columns.status = stateColumn;
    // Establishments are A (active) or F (closed); legal units A or C (ceased).
    if (state === 'A') changes.status = ActorStatus.ACTIVE;
    else if (state === 'C' || state === 'F') changes.status = ActorStatus.CEASED;
    else problems.push({ column: stateColumn, message: `must be A, C or F, got "${row[stateColumn]}"` });
  }

  if (row.codeCommuneEtablissement !== undefined) set('communeCode', 'codeCommuneEtablissement', row.codeCommuneEtablissement);
  if (row.libelleCommuneEtablissement !== undefined) set('communeName', 'libelleCommuneEtablissement', row.libelleCommuneEtablissement);
  if (row.codePostalEtablissement !== undefined) set('postalCode', 'codePostalEtablissement', row.codePostalEtablissement);
  const street = ['numeroVoieEtablissement', 'indiceRepetitionEtablissement', 'typeVoieEtablissement', 'libelleVoieEtablissement']
    .map((column) => value(row, column))
    .filter(Boolean)
    .join(' ');
  if (street) set('street', 'libelleVoieEtablissement', street);
  for (const axis of ['latitude', 'longitude'] as const) {
    const raw = value(row, axis);
    columns[axis] = axis;
    if (raw === undefined) continue;
    const n = Number(raw.replace(',', '.'));
    if (Number.isFinite(n)) changes[axis] = n;
    else problems.push({ column: axis, message: `must be a number, got "${raw}"` });
  }
  return { changes, siret, columns };
}
