// The national open-data format for subsidies (SCDL « subventions », decree 2017-779): one row per agreement signed in a
// year by an authority, with the exact column names of the standard, as CSV (RFC 4180, UTF-8) or JSON.
import { BadInputError } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { registerEnumType } from 'type-graphql';

export enum ScdlFormat {
  CSV = 'CSV',
  JSON = 'JSON',
}
registerEnumType(ScdlFormat, { name: 'ScdlFormat' });

export const SCDL_COLUMNS = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'referenceDecision',
  'nomBeneficiaire',
  'idBeneficiaire',
  'rnaBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
  'multiFinanceur',
] as const;

export type ScdlColumn = (typeof SCDL_COLUMNS)[number];

interface Row {
  official_name: string;
  siret: string | null;
  signed_on: string;
  decision_reference: string | null;
  beneficiary_name: string;
  beneficiary_siret: string;
  beneficiary_rna: string | null;
  object: string;
  amount: string;
  nature: 'CASH' | 'IN_KIND';
  payment_terms: 'SINGLE' | 'STAGED' | 'OTHER';
  payment_terms_note: string | null;
  first_due: string | null;
  last_due: string | null;
  start_on: string | null;
  end_on: string | null;
  rae_id: string | null;
  eu_notified: boolean;
  subsidy_share: string;
  aid_scheme: string | null;
  multi_funder: boolean;
}

const NATURE = { CASH: 'aide en numéraire', IN_KIND: 'aide en nature' } as const;
const TERMS = { SINGLE: 'unique', STAGED: 'échelonné', OTHER: 'autre' } as const;

/** Date (AAAA-MM-JJ) or period (AAAA-MM-JJ/AAAA-MM-JJ) of payment: from the schedule, else the agreement's period. */
function paymentDates(row: Row): string {
  const first = row.first_due ?? row.start_on;
  const last = row.last_due ?? row.end_on ?? first;
  if (!first) return '';
  return !last || last === first ? first : `${first}/${last}`;
}

/** One agreement as SCDL values: dates ISO, amounts with a dot and two decimals, booleans as the standard writes them. */
function record(row: Row): Record<ScdlColumn, string | number | boolean | null> {
  return {
    nomAttribuant: row.official_name,
    idAttribuant: row.siret,
    dateConvention: row.signed_on,
    referenceDecision: row.decision_reference,
    nomBeneficiaire: row.beneficiary_name,
    idBeneficiaire: row.beneficiary_siret,
    rnaBeneficiaire: row.beneficiary_rna,
    objet: row.object,
    montant: row.amount,
    nature: NATURE[row.nature],
    conditionsVersement: row.payment_terms === 'OTHER' && row.payment_terms_note ? row.payment_terms_note : TERMS[row.payment_terms],
    datesPeriodeVersement: paymentDates(row),
    idRAE: row.rae_id,
    notificationUE: row.eu_notified,
    pourcentageSubvention: row.subsidy_share,
    dispositifAide: row.aid_scheme,
    multiFinanceur: row.multi_funder,
  };
}

function csvCell(value: string | number | boolean | null, column: ScdlColumn): string {
  if (value === null) return '';
  const text = typeof value === 'boolean' ? (column === 'notificationUE' ? (value ? 'oui' : 'non') : String(value)) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Row[]): string {
  const lines = [SCDL_COLUMNS.join(','), ...rows.map((row) => {
    const values = record(row);
    return SCDL_COLUMNS.map((column) => csvCell(values[column], column)).join(',');
  })];
  return lines.join('\r\n') + '\r\n';
}

/** JSON: an array of records with the same keys; amounts and shares as numbers, booleans as booleans, missing values null. */
export function toJson(rows: Row[]): string {
  return JSON.stringify(
    rows.map((row) => {
      const values = record(row);
      return { ...values, montant: Number(values.montant), pourcentageSubvention: Number(values.pourcentageSubvention) };
    }),
    null,
    2,
  );
}

export class ScdlExportService {
  constructor(private readonly dataSource: DataSource) {}

  /** The agreements an authority signed in a year (signed or closed, not drafts nor cancelled), in one statement. */
  async export(authority: string, year: number, format: ScdlFormat): Promise<string> {
    if (!Number.isInteger(year) || year < 1900 || year > 2200) throw BadInputError.field('year', 'must be a year like 2024');
    const [known]: Array<{ siret: string | null }> = await this.dataSource.query('SELECT siret FROM plans.authority WHERE code = $1', [authority]);
    if (!known) throw BadInputError.field('authority', `unknown authority ${authority}`);
    if (!known.siret) throw BadInputError.field('authority', 'has no SIRET (SCDL idAttribuant): set it with updateAuthority first');
    const rows: Row[] = await this.dataSource.query(
      `SELECT au.official_name, au.siret, g.signed_on::text, g.decision_reference, g.beneficiary_name, g.beneficiary_siret, g.beneficiary_rna,
              g.object, g.amount::text, g.nature, g.payment_terms, g.payment_terms_note, s.first_due::text, s.last_due::text,
              g.start_on::text, g.end_on::text, g.rae_id, g.eu_notified, g.subsidy_share::text, g.aid_scheme, g.multi_funder
       FROM plans.agreement g
       JOIN plans.authority au ON au.code = g.authority_code
       LEFT JOIN LATERAL (SELECT min(due_on) AS first_due, max(due_on) AS last_due FROM plans.instalment WHERE agreement_id = g.id) s ON true
       WHERE g.authority_code = $1 AND g.status IN ('SIGNED', 'CLOSED')
         AND g.signed_on >= make_date($2, 1, 1) AND g.signed_on < make_date($2 + 1, 1, 1)
       ORDER BY g.signed_on, g.beneficiary_name, g.id`,
      [authority, year],
    );
    return format === ScdlFormat.JSON ? toJson(rows) : toCsv(rows);
  }
}
