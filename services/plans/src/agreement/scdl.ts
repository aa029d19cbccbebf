// The national open-data format for subsidies (SCDL « subventions » 2.1.1, decree 2017-779): one row per agreement signed
// in a year by an authority, exactly the 16 columns of ../shared/formats/scdl-subventions-2.1.1.schema.json, as CSV or JSON.
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
] as const;

/** SCDL limits objet and conditionsVersement to 256 characters (the inputs enforce it; rows older than the rule are cut). */
export const SCDL_MAX_TEXT = 256;

export type ScdlColumn = (typeof SCDL_COLUMNS)[number];

interface Row {
  official_name: string;
  siret: string | null;
  signed_on: string;
  decision_reference: string | null;
  beneficiary_name: string;
  beneficiary_siret: string | null;
  beneficiary_rna: string | null;
  object: string;
  amount: string;
  nature: 'CASH' | 'IN_KIND' | 'CASH_AND_IN_KIND';
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
}

export const NATURE = {
  CASH: 'aide en numéraire',
  IN_KIND: 'aide en nature',
  CASH_AND_IN_KIND: 'aide en numéraire;aide en nature',
} as const;
export const TERMS = { SINGLE: 'unique', STAGED: 'échelonné', OTHER: 'autre' } as const;

/**
 * Date (AAAA-MM-JJ) or period (AAAA-MM-JJ/AAAA-MM-JJ) of payment, required by SCDL: from the schedule, else the agreement's
 * period. Signing now requires one of them (agreement.service.ts); a row signed before that rule falls back to the date of
 * the convention, the only date it has (see docs/scdl.md).
 */
function paymentDates(row: Row): string {
  const first = row.first_due ?? row.start_on ?? row.signed_on;
  const last = row.last_due ?? row.end_on ?? first;
  return last === first ? first : `${first}/${last}`;
}

/** At most 256 characters, cut on a whole character with an ellipsis (only rows stored before the limit can be longer). */
function scdlText(text: string): string {
  const chars = [...text];
  return chars.length <= SCDL_MAX_TEXT ? text : `${chars.slice(0, SCDL_MAX_TEXT - 1).join('')}…`;
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
    objet: scdlText(row.object),
    montant: row.amount,
    nature: NATURE[row.nature],
    conditionsVersement:
      row.payment_terms === 'OTHER' && row.payment_terms_note ? scdlText(row.payment_terms_note) : TERMS[row.payment_terms],
    datesPeriodeVersement: paymentDates(row),
    idRAE: row.rae_id,
    notificationUE: row.eu_notified,
    pourcentageSubvention: row.subsidy_share,
    dispositifAide: row.aid_scheme,
  };
}

function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  // notificationUE is the only boolean: SCDL writes it oui / non.
  const text = typeof value === 'boolean' ? (value ? 'oui' : 'non') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Row[]): string {
  const lines = [SCDL_COLUMNS.join(','), ...rows.map((row) => {
    const values = record(row);
    return SCDL_COLUMNS.map((column) => csvCell(values[column])).join(',');
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
              g.start_on::text, g.end_on::text, g.rae_id, g.eu_notified, g.subsidy_share::text, g.aid_scheme
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
