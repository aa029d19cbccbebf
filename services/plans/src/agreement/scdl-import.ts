// Imports a département's existing SCDL subsidies file as signed agreements of one action: UTF-8 or Windows-1252, `;` or
// `,`, French amounts and dates; every refused row reported with its line and column, all or nothing unless skipping is
// asked, idempotent (a subsidy is found again by its key), beneficiaries linked to registry actors by SIRET when known.
import {
  assertCanWrite,
  base64Bytes,
  BadInputError,
  compactIdentifier,
  amountCeilingProblem,
  siretProblem,
  decodeText,
  parseDecimal,
  parseDelimited,
  parseFrenchDate,
  recordAudit,
  referenced,
  type AuditEntry,
  type RequestContext,
  type Table,
  type TextEncoding,
} from '@ess/kit';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Action } from '../action/action.entity';
import { planAuthorities } from '../common/access';
import { AUTHORITY_CODE } from '../common/validation';
import { Agreement, AgreementNature, AgreementStatus, PaymentTerms } from './agreement.entity';
import { agreementProblems, type AgreementFields } from './agreement.service';
import { NATURE, SCDL_COLUMNS, TERMS, type ScdlColumn } from './scdl';
import { ScdlImportOutcome, type ScdlImportPreviewRow, type ScdlImportProblem, type ScdlImportReport } from './scdl-import.types';

export const MAX_SCDL_ROWS = 20_000;
const PREVIEW_ROWS = 500;
const CHUNK = 500;

/** The fields an SCDL row sets; the rest of the agreement (action, plan, authority, status) comes from the import. */
const IMPORTED = [
  'signedOn',
  'decisionReference',
  'beneficiaryName',
  'beneficiarySiret',
  'beneficiaryRna',
  'object',
  'amount',
  'nature',
  'paymentTerms',
  'paymentTermsNote',
  'startOn',
  'endOn',
  'raeId',
  'euNotified',
  'subsidyShare',
  'aidScheme',
] as const satisfies ReadonlyArray<keyof AgreementFields>;

type Imported = Pick<AgreementFields, (typeof IMPORTED)[number]>;

/** The SCDL column a rule of agreement.service.ts speaks of, so that the report names the file's column. */
const COLUMN_OF_FIELD: Partial<Record<keyof AgreementFields, ScdlColumn>> = {
  signedOn: 'dateConvention',
  decisionReference: 'referenceDecision',
  beneficiaryName: 'nomBeneficiaire',
  beneficiarySiret: 'idBeneficiaire',
  beneficiaryRna: 'rnaBeneficiaire',
  object: 'objet',
  amount: 'montant',
  nature: 'nature',
  paymentTerms: 'conditionsVersement',
  paymentTermsNote: 'conditionsVersement',
  startOn: 'datesPeriodeVersement',
  endOn: 'datesPeriodeVersement',
  raeId: 'idRAE',
  euNotified: 'notificationUE',
  subsidyShare: 'pourcentageSubvention',
  aidScheme: 'dispositifAide',
};

const REQUIRED: ScdlColumn[] = [
  'idAttribuant',
  'dateConvention',
  'nomBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'notificationUE',
  'pourcentageSubvention',
];

/** Lower case, no accents, single spaces: how a text of the file is compared with the values of the standard. */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const NATURES = new Map<string, AgreementNature>(
  Object.entries(NATURE).flatMap(([nature, label]) => [[folded(label), nature as AgreementNature]]),
);
NATURES.set(folded(`${NATURE.IN_KIND};${NATURE.CASH}`), AgreementNature.CASH_AND_IN_KIND);

const TERMS_READ = new Map<string, PaymentTerms>(Object.entries(TERMS).map(([terms, label]) => [folded(label), terms as PaymentTerms]));

const DATE = String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}`;
const PERIOD = new RegExp(`^(${DATE})(?:\\s*/\\s*(${DATE}))?$`);

/** The file's column for each SCDL column (names compared without case), and the columns that are not SCDL's. */
export function scdlColumns(table: Table): { columns: Map<ScdlColumn, string>; ignored: string[] } {
  const byName = new Map(SCDL_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns = new Map<ScdlColumn, string>();
  const ignored: string[] = [];
  for (const name of table.columns) {
    const column = byName.get(name.trim().toLowerCase());
    if (column && !columns.has(column)) columns.set(column, name);
    else ignored.push(name);
  }
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (!columns.has('idBeneficiaire') && !columns.has('rnaBeneficiaire')) missing.push('idBeneficiaire');
  if (missing.length) throw BadInputError.field('file', `lacks the SCDL column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return { columns, ignored };
}

/**
 * One row of the file read into agreement values and the key that identifies the subsidy across imports (date of the
 * convention, beneficiary, decision, object: the amount may be corrected by a later file). Problems name their column.
 */
export function readScdlRow(
  record: Record<string, string>,
  line: number,
  columns: Map<ScdlColumn, string>,
  authoritySiret: string | null,
): { values: Imported | null; key: string; problems: ScdlImportProblem[] } {
  const problems: ScdlImportProblem[] = [];
  const cell = (column: ScdlColumn): string => {
    const name = columns.get(column);
    return name === undefined ? '' : (record[name] ?? '').replace(/[\u00A0\u202F]/g, ' ').trim();
  };
  const problem = (column: ScdlColumn, message: string) => problems.push({ line, column, value: cell(column) || null, message });
  const required = (column: ScdlColumn) => {
    if (!cell(column)) problem(column, 'is required (SCDL)');
    return cell(column);
  };

  const attributor = compactIdentifier(required('idAttribuant'));
  if (attributor) {
    const siret = siretProblem(attributor);
    if (siret) problem('idAttribuant', siret);
    else if (authoritySiret && attributor !== authoritySiret)
      problem('idAttribuant', `is not the SIRET of the authority the file is imported for (${authoritySiret})`);
  }

  const dateText = required('dateConvention');
  const signedOn = dateText ? parseFrenchDate(dateText) : null;
  if (dateText && !signedOn) problem('dateConvention', 'must be a real date like 2017-09-08 or 2017/09/08');

  const amountText = required('montant');
  const amount = amountText ? parseDecimal(amountText) : null;
  if (amountText && (amount === null || amount < 0)) problem('montant', 'must be an amount in euros like 26 956,00');
  const ceiling = amount === null ? null : amountCeilingProblem(amount);
  if (ceiling) problem('montant', ceiling);

  const natureText = required('nature');
  const nature = natureText ? NATURES.get(folded(natureText).replace(/\s*;\s*/g, ';')) : undefined;
  if (natureText && !nature)
    problem('nature', `must be one of ${[...Object.values(NATURE), `${NATURE.IN_KIND};${NATURE.CASH}`].join(' | ')}`);

  // conditionsVersement: unique, échelonné, autre, or (SCDL « autre ») a free description of at most 256 characters.
  const termsText = required('conditionsVersement');
  const terms = TERMS_READ.get(folded(termsText)) ?? (termsText ? PaymentTerms.OTHER : undefined);

  const periodText = required('datesPeriodeVersement');
  const period = PERIOD.exec(periodText);
  const startOn = period ? parseFrenchDate(period[1]) : null;
  const endOn = period?.[2] ? parseFrenchDate(period[2]) : startOn;
  if (periodText && (!startOn || !endOn))
    problem('datesPeriodeVersement', 'must be a date (2017-09-08) or a period (2017-09-08/2018-09-07)');

  const notified = folded(required('notificationUE'));
  const euNotified = notified === 'oui' ? true : notified === 'non' ? false : undefined;
  if (notified && euNotified === undefined) problem('notificationUE', 'must be oui or non');

  const shareText = required('pourcentageSubvention');
  let share = shareText ? parseDecimal(shareText.replace(/%$/, '')) : null;
  // "100 %" or "45%": a percentage; SCDL writes the share as a decimal (1.00, 0.45).
  if (share !== null && shareText.endsWith('%')) share = Math.round(share * 100) / 10_000;
  if (shareText && (share === null || share < 0.01 || share > 1 || Math.abs(share * 100 - Math.round(share * 100)) > 1e-9)) {
    problem('pourcentageSubvention', 'must be a share from 0.01 to 1 with at most 2 decimals (1.00 for a single beneficiary)');
  }

  const rna = cell('rnaBeneficiaire').toUpperCase() || null;
  if (rna && !/^W\d{9}$/.test(rna)) problem('rnaBeneficiaire', 'must be W followed by 9 digits');
  const raeId = cell('idRAE') || null;
  if (raeId && !/^[0-9A-Za-z]{1,5}$/.test(raeId)) problem('idRAE', 'must be at most 5 letters or digits');
  const decisionReference = cell('referenceDecision') || null;
  if (decisionReference && decisionReference.length > 100) problem('referenceDecision', 'must be at most 100 characters');
  const aidScheme = cell('dispositifAide') || null;
  if (aidScheme && aidScheme.length > 100) problem('dispositifAide', 'must be at most 100 characters');
  const beneficiarySiret = compactIdentifier(cell('idBeneficiaire')) || null;
  const object = required('objet');
  const beneficiaryName = required('nomBeneficiaire');

  const key = [
    signedOn ?? dateText,
    beneficiarySiret ?? rna ?? folded(beneficiaryName),
    folded(decisionReference ?? ''),
    folded(object),
  ].join('|');
  if (problems.length) return { values: null, key, problems };
  return {
    key,
    problems,
    values: {
      signedOn,
      decisionReference,
      beneficiaryName,
      beneficiarySiret,
      beneficiaryRna: rna,
      object,
      amount: amount as number,
      nature: nature as AgreementNature,
      paymentTerms: terms as PaymentTerms,
      paymentTermsNote: terms === PaymentTerms.OTHER ? termsText : null,
      startOn,
      endOn,
      raeId,
      euNotified: euNotified as boolean,
      subsidyShare: share as number,
      aidScheme,
    },
  };
}

function sameValues(before: Agreement, values: Imported, actorId: string | null): boolean {
  return (
    before.actorId === actorId &&
    IMPORTED.every((k) => (k === 'amount' || k === 'subsidyShare' ? Number(before[k]) === Number(values[k]) : before[k] === values[k]))
  );
}

function pick(agreement: Agreement): Imported & { actorId: string | null } {
  return { ...(Object.fromEntries(IMPORTED.map((k) => [k, agreement[k]])) as Imported), actorId: agreement.actorId };
}

export interface ScdlImportOptions {
  authority: string;
  actionId: string;
  dryRun: boolean;
  skipInvalidRows: boolean;
}

/** Called as the import advances (rows read, then rows written), for a job that reports progress. */
export type ImportProgress = (done: number, total: number) => void;

function authorityOf(options: ScdlImportOptions): string {
  const authority = options.authority.trim().toUpperCase();
  if (!AUTHORITY_CODE.test(authority)) throw BadInputError.field('authority', 'must be a département INSEE code like 30 or 07');
  return authority;
}

export class ScdlImportService {
  constructor(private readonly dataSource: DataSource) {}

  /** A file sent through GraphQL: its bytes in base64, decoded as UTF-8 or Windows-1252. */
  importFile(context: RequestContext, fileBase64: string, options: ScdlImportOptions): Promise<ScdlImportReport> {
    // Who may import for this authority first: another authority's staff learn nothing of the file's problems.
    assertCanWrite(context, authorityOf(options));
    const { text, encoding } = decodeText(base64Bytes('file', fileBase64));
    return this.importTable(context, parseDelimited(text, { field: 'file', maxRows: MAX_SCDL_ROWS }), encoding, options);
  }

  /** The rows of a parsed file (also what an upload job calls): all or nothing in one transaction. */
  async importTable(
    context: RequestContext,
    table: Table,
    encoding: TextEncoding,
    options: ScdlImportOptions,
    progress?: ImportProgress,
  ): Promise<ScdlImportReport> {
    const authority = authorityOf(options);
    assertCanWrite(context, authority);
    const { columns, ignored } = scdlColumns(table);

    return this.dataSource.transaction(async (manager) => {
      // Two imports for one authority at once would both create the same new subsidies: the second waits for the first.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('plans.scdl-import:' || $1))`, [authority]);
      const [known]: Array<{ siret: string | null }> = await manager.query('SELECT siret FROM plans.authority WHERE code = $1', [
        authority,
      ]);
      if (!known) throw BadInputError.field('authority', `unknown authority ${authority}`);
      const action = await referenced(manager, Action, options.actionId, 'actionId', 'an action');
      const authorities = await planAuthorities(manager, action.planId);
      if (!authorities.includes(authority))
        throw BadInputError.field('actionId', `is an action of a plan of ${authorities.join(', ')}, not of ${authority}`);

      const report: ScdlImportReport = {
        applied: false,
        dryRun: options.dryRun,
        encoding,
        delimiter: table.delimiter,
        rows: table.rows.length,
        created: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        linked: 0,
        errors: [],
        unlinked: [],
        ignoredColumns: ignored,
        preview: [],
      };
      const read = table.rows.map(({ record, line, shapeProblem }) => {
        const row = readScdlRow(record, line, columns, known.siret);
        // A row with a cell too many or missing is refused whatever it reads as: its values would be shifted.
        if (!shapeProblem) return { line, ...row };
        return { line, key: `line:${line}`, values: null, problems: [{ line, column: null, value: null, message: shapeProblem }] };
      });
      const existing = await this.existing(manager, authority, [...new Set(read.map((r) => r.key))]);
      const owners = await this.owners(manager, [
        ...new Set(read.flatMap((r) => (r.values?.beneficiarySiret ? [r.values.beneficiarySiret] : []))),
      ]);

      const toCreate: Array<{ values: Imported; actorId: string | null; key: string }> = [];
      const toUpdate: Array<{ before: Agreement; values: Imported; actorId: string | null }> = [];
      const firstLine = new Map<string, number>();
      const badLines = new Set<number>();
      for (const row of read) {
        const problems = [...row.problems];
        const seen = firstLine.get(row.key);
        if (seen !== undefined)
          problems.push({
            line: row.line,
            column: null,
            value: null,
            message: `is the same subsidy as line ${seen} (date, beneficiary, decision and object)`,
          });
        else firstLine.set(row.key, row.line);
        const before = existing.get(row.key) ?? null;
        // A subsidy linked by hand since the last import keeps its actor; otherwise the actor known for the SIRET.
        const actorId = before?.actorId ?? (row.values?.beneficiarySiret ? (owners.get(row.values.beneficiarySiret) ?? null) : null);
        if (row.values) {
          const full: AgreementFields = {
            ...row.values,
            actionId: action.id,
            authorityCode: authority,
            actorId,
            status: AgreementStatus.SIGNED,
            multiFunder: false,
          };
          for (const p of agreementProblems(full, [], { actorRequired: false }).list) {
            const column = COLUMN_OF_FIELD[p.field as keyof AgreementFields] ?? null;
            problems.push({
              line: row.line,
              column,
              value: column ? ((row.values as Record<string, unknown>)[p.field]?.toString() ?? null) : null,
              message: p.message,
            });
          }
        }
        if (problems.length || !row.values) {
          report.errors.push(...problems);
          badLines.add(row.line);
          continue;
        }
        const outcome = !before
          ? ScdlImportOutcome.CREATE
          : sameValues(before, row.values, actorId)
            ? ScdlImportOutcome.UNCHANGED
            : ScdlImportOutcome.UPDATE;
        if (outcome === ScdlImportOutcome.CREATE) toCreate.push({ values: row.values, actorId, key: row.key });
        else if (outcome === ScdlImportOutcome.UPDATE) toUpdate.push({ before: before as Agreement, values: row.values, actorId });
        else report.unchanged++;
        if (actorId) report.linked++;
        else {
          report.unlinked.push({
            line: row.line,
            column: row.values.beneficiarySiret ? 'idBeneficiaire' : 'rnaBeneficiaire',
            value: row.values.beneficiarySiret ?? row.values.beneficiaryRna,
            message: row.values.beneficiarySiret
              ? 'no registry actor is known with this SIRET yet: the subsidy is stored without its actor'
              : 'an RNA number alone does not link to a registry actor: the subsidy is stored without its actor',
          });
        }
        if (report.preview.length < PREVIEW_ROWS) report.preview.push(previewRow(row.line, outcome, row.values, actorId));
      }
      progress?.(read.length, read.length);
      report.created = toCreate.length;
      report.updated = toUpdate.length;
      report.skipped = options.skipInvalidRows ? badLines.size : 0;
      if (options.dryRun || (report.errors.length && !options.skipInvalidRows)) return report;

      await this.write(manager, context, { planId: action.planId, actionId: action.id, authority }, toCreate, toUpdate, progress);
      report.applied = toCreate.length + toUpdate.length > 0;
      return report;
    });
  }

  /** Subsidies imported before, by key, locked for the time of the import. */
  private async existing(manager: EntityManager, authority: string, keys: string[]): Promise<Map<string, Agreement>> {
    const found = new Map<string, Agreement>();
    for (let i = 0; i < keys.length; i += 5000) {
      const rows = await manager
        .getRepository(Agreement)
        .find({ where: { authorityCode: authority, sourceKey: In(keys.slice(i, i + 5000)) }, lock: { mode: 'pessimistic_write' } });
      for (const row of rows) found.set(row.sourceKey as string, row);
    }
    return found;
  }

  /** The actor each SIRET belongs to, as earlier agreements recorded it (see siretOwner in agreement.service.ts). */
  private async owners(manager: EntityManager, sirets: string[]): Promise<Map<string, string>> {
    if (!sirets.length) return new Map();
    const rows: Array<{ beneficiary_siret: string; actor_id: string }> = await manager.query(
      `SELECT DISTINCT ON (beneficiary_siret) beneficiary_siret, actor_id::text FROM plans.agreement
       WHERE beneficiary_siret = ANY($1) AND actor_id IS NOT NULL ORDER BY beneficiary_siret, created_at DESC`,
      [sirets],
    );
    return new Map(rows.map((r) => [r.beneficiary_siret, r.actor_id]));
  }

  private async write(
    manager: EntityManager,
    context: RequestContext,
    target: { planId: string; actionId: string; authority: string },
    toCreate: Array<{ values: Imported; actorId: string | null; key: string }>,
    toUpdate: Array<{ before: Agreement; values: Imported; actorId: string | null }>,
    progress?: ImportProgress,
  ): Promise<void> {
    const total = toCreate.length + toUpdate.length;
    const audit: AuditEntry[] = [];
    for (let i = 0; i < toCreate.length; i += CHUNK) {
      const chunk = toCreate.slice(i, i + CHUNK);
      const rows = chunk.map((c) => ({
        ...c.values,
        actorId: c.actorId,
        planId: target.planId,
        actionId: target.actionId,
        authorityCode: target.authority,
        status: AgreementStatus.SIGNED,
        sourceKey: c.key,
      }));
      const result = await manager.createQueryBuilder().insert().into(Agreement).values(rows).returning('id').execute();
      (result.raw as Array<{ id: string }>).forEach((row, index) =>
        audit.push({ entity: 'Agreement', entityId: row.id, action: 'import', after: rows[index] }),
      );
      progress?.(i + chunk.length, total);
    }
    for (const [index, { before, values, actorId }] of toUpdate.entries()) {
      await manager
        .createQueryBuilder()
        .update(Agreement)
        .set({ ...values, actorId, version: () => 'version + 1' })
        .where('id = :id', { id: before.id })
        .execute();
      audit.push({ entity: 'Agreement', entityId: before.id, action: 'import', before: pick(before), after: { ...values, actorId } });
      if ((index + 1) % CHUNK === 0) progress?.(toCreate.length + index + 1, total);
    }
    for (let i = 0; i < audit.length; i += 2000) await recordAudit(manager, 'plans', context, audit.slice(i, i + 2000));
  }
}

function previewRow(line: number, outcome: ScdlImportOutcome, values: Imported, actorId: string | null): ScdlImportPreviewRow {
  return {
    line,
    outcome,
    beneficiaryName: values.beneficiaryName,
    beneficiarySiret: values.beneficiarySiret,
    beneficiaryRna: values.beneficiaryRna,
    actorId,
    signedOn: values.signedOn as string,
    object: values.object,
    amount: values.amount,
  };
}
