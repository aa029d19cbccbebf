// Imports DECP files (JSON or XML): idempotent on buyer SIRET + contract id (a re-import applies new modifications, never
// duplicates, never rewrites published initial data), every bad record reported with its position, field, value and
// reason, every record set aside counted, and all or nothing unless asked to skip. `importRecords` is the entry point of
// a background job (records already extracted, progress reported).
import { randomUUID } from 'node:crypto';
import { BadInputError, ConflictError, recordAudit, type AuditEntry, type RequestContext } from '@ess/kit';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Buyer } from '../buyer/buyer.entity';
import { departmentOfPublicSiret } from '../buyer/public-siren';
import { assertCanWrite } from '../common/authority';
import { SCHEMA } from '../common/columns';
import { DEPARTMENT_CODE, departmentProblem, siretProblem, todayIso } from '../common/identifiers';
import { Contract } from '../contract/contract.entity';
import {
  contractProblems,
  fingerprint,
  initialDataChanges,
  isPublished,
  type AwardeeValues,
  type ContractState,
  type ModificationValues,
  type SubcontractModificationValues,
  type SubcontractValues,
} from '../contract/contract.rules';
import { PlaceCodeType } from '../common/codes';
import { auditValues, loadStates, saveStates, type ContractWrite } from '../contract/contract.store';
import { extractRecords, type RawRecord, type SetAside } from './decp-classify';
import { parseDecpText } from './decp-parse';
import { completeForPublication, gapMessage, publicationGaps } from './decp-publication';
import { decpField, MAX_DECP_RECORDS, readRecord, type ReadRecord, type RecordProblem } from './decp-read';
import type { DecpImportError, DecpImportReport } from './decp.types';

export interface DecpImportOptions {
  authority: string;
  skipInvalidRecords: boolean;
  dryRun: boolean;
  /** Fills the fields the 2024 format requires and the record lacks with their neutral value, each reported as a warning. */
  completeMissing?: boolean;
  /** Called as records are checked (a job's progress): records checked so far, records in all. */
  onProgress?: (done: number, total: number) => void;
}

/** A record that passed its own checks, with the state it asks for. */
interface GoodRecord {
  read: ReadRecord;
  key: string;
  state: ContractState;
}

const nameKey = (a: AwardeeValues) => `${a.idType}:${a.identifier}`;

/** One sentence on what the run did, so a second run of the same file says plainly that nothing changed. */
function summary(counts: { created: number; updated: number; unchanged: number; bad: number; refused: boolean; dryRun: boolean }): string {
  if (counts.refused)
    return `Nothing written: ${counts.bad} record(s) have errors (import them with skipInvalidRecords to write the others).`;
  const verb = counts.dryRun ? 'would be' : 'were';
  const skipped = counts.bad ? `, ${counts.bad} record(s) skipped` : '';
  if (counts.created + counts.updated === 0) {
    return `Nothing to change: ${counts.unchanged} contract(s) of the file are already up to date${skipped}.`;
  }
  return `${counts.created} contract(s) ${verb} created, ${counts.updated} updated, ${counts.unchanged} already up to date${skipped}.`;
}

/**
 * The state after applying an incoming record to what is stored: the record's DECP fields (equal to the stored ones once
 * published, see initialDataChanges), modifications and subcontracting acts merged by their DECP id (the DECP only
 * appends them, and some publishers send each as a record of its own), and what the DECP does not carry (reserved basis,
 * insertion hours, awardee names) kept unless the file brings it.
 */
function merge(stored: ContractState | null, incoming: GoodRecord): ContractState {
  const read = incoming.read;
  const platform = read.platform;
  const knownNames = new Map<string, string>();
  if (stored)
    for (const a of [...stored.awardees, ...stored.modifications.flatMap((m) => m.awardees)])
      if (a.name) knownNames.set(nameKey(a), a.name);
  const named = (awardees: AwardeeValues[]) => awardees.map((a) => ({ ...a, name: a.name ?? knownNames.get(nameKey(a)) ?? null }));
  const modifications = new Map<number, ModificationValues>((stored?.modifications ?? []).map((m) => [m.decpId, m]));
  for (const m of incoming.state.modifications) modifications.set(m.decpId, { ...m, awardees: named(m.awardees) });
  const acts = new Map<number, SubcontractValues>((stored?.subcontracts ?? []).map((a) => [a.decpId, a]));
  for (const act of incoming.state.subcontracts ?? []) acts.set(act.decpId, act);
  const actKey = (m: SubcontractModificationValues) => `${m.subcontractId}|${m.notifiedOn}`;
  const actChanges = new Map((stored?.subcontractModifications ?? []).map((m) => [actKey(m), m]));
  for (const m of incoming.state.subcontractModifications ?? []) actChanges.set(actKey(m), m);
  return {
    buyerId: incoming.state.buyerId,
    authorityCode: incoming.state.authorityCode,
    fields: {
      ...incoming.state.fields,
      reservedBasis: platform ? platform.reservedBasis : (stored?.fields.reservedBasis ?? null),
      insertionHoursPlanned: platform ? platform.insertionHoursPlanned : (stored?.fields.insertionHoursPlanned ?? null),
      insertionHoursAchieved: platform ? platform.insertionHoursAchieved : (stored?.fields.insertionHoursAchieved ?? null),
    },
    awardees: named(incoming.state.awardees),
    modifications: [...modifications.values()],
    subcontracts: [...acts.values()],
    subcontractModifications: [...actChanges.values()],
  };
}

function valueAt(state: ContractState, field: string): string | null {
  const path = field
    .replace('placeOfExecution.code', 'fields.placeCode')
    .replace('placeOfExecution.typeCode', 'fields.placeTypeCode')
    .split('.');
  let value: unknown = ['awardees', 'modifications', 'subcontracts', 'subcontractModifications', 'fields'].includes(path[0])
    ? state
    : state.fields;
  for (const part of path) value = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[part];
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/** The département a place of execution names, when its code says it (commune, postal code, département). */
function placeDepartment(state: ContractState): string | null {
  const { placeCode: code, placeTypeCode: type } = state.fields;
  if (!code) return null;
  if (type === PlaceCodeType.DEPARTEMENT) return code;
  if (type !== PlaceCodeType.COMMUNE && type !== PlaceCodeType.POSTAL_CODE) return null;
  const department = /^97/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
  // postal codes of Corsica start with 20, its INSEE codes with 2A / 2B
  return DEPARTMENT_CODE.test(department) ? department : null;
}

const CHECK_PROGRESS_EVERY = 500;

export class DecpImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A DECP file as text: JSON (NaN and Infinity tolerated, then reported) or the XML variant. */
  async importText(context: RequestContext, text: string, options: DecpImportOptions): Promise<DecpImportReport> {
    const authority = this.checkAuthority(context, options.authority);
    const { records, setAside } = extractRecords(parseDecpText(text));
    if (records.length === 0 && setAside.length === 0) throw BadInputError.field('json', 'has no contracts');
    if (records.length > MAX_DECP_RECORDS)
      throw BadInputError.field('json', `has ${records.length} contracts; import at most ${MAX_DECP_RECORDS} at a time`);
    return this.importRecords(context, records, { ...options, authority }, setAside);
  }

  private checkAuthority(context: RequestContext, given: string): string {
    const authority = given.trim().toUpperCase();
    const authorityProblem = departmentProblem(authority);
    if (authorityProblem) throw BadInputError.field('authority', authorityProblem);
    assertCanWrite(context, authority);
    return authority;
  }

  /** The import of records already extracted from a file, in one transaction; what a background job calls. */
  async importRecords(
    context: RequestContext,
    records: RawRecord[],
    options: DecpImportOptions,
    setAside: SetAside[] = [],
  ): Promise<DecpImportReport> {
    const authority = this.checkAuthority(context, options.authority);
    const today = todayIso(this.clock());
    const reads = records.map(readRecord);
    const errors: DecpImportError[] = [];
    const warnings: DecpImportError[] = [];
    const entry = (read: Pick<ReadRecord, 'index' | 'path' | 'decpId' | 'buyerSiret'>, problem: RecordProblem): DecpImportError => ({
      index: read.index,
      path: read.path,
      decpId: read.decpId,
      buyerSiret: read.buyerSiret,
      field: problem.field,
      value: problem.value,
      message: problem.message,
    });
    const report = (read: ReadRecord, problem: RecordProblem) => errors.push(entry(read, problem));
    const warn = (read: ReadRecord, problem: RecordProblem) => warnings.push(entry(read, problem));
    for (const aside of setAside) {
      const where = { index: aside.record.index, path: aside.record.path, decpId: aside.decpId, buyerSiret: null };
      (aside.kind === 'concession' ? warnings : errors).push(
        entry(where, { field: aside.kind === 'concession' ? '_type' : null, value: null, message: aside.message }),
      );
    }

    return this.dataSource.transaction(async (manager) => {
      // One import at a time per authority: two files naming the same new buyer or contract wait for each other
      // instead of racing to insert it. (A concurrent single edit still meets the row locks and versions below.)
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('procurement.decp-import:' || $1))`, [authority]);
      const sirets = [...new Set(reads.map((r) => r.buyerSiret).filter((s): s is string => Boolean(s) && !siretProblem(s as string)))];
      const buyers = new Map((sirets.length ? await manager.findBy(Buyer, { siret: In(sirets) }) : []).map((b) => [b.siret, b]));
      const newBuyers = new Map<string, { id: string; siret: string; name: string }>();

      // 1. each record on its own: format, the contract rules, then what the 2024 format needs to publish it
      const good: GoodRecord[] = [];
      reads.forEach((read, position) => {
        if ((position + 1) % CHECK_PROGRESS_EVERY === 0) options.onProgress?.(position + 1, reads.length);
        const problems = [...read.problems];
        const known = read.buyerSiret ? buyers.get(read.buyerSiret) : undefined;
        if (read.buyerSiret) {
          const problem = siretProblem(read.buyerSiret);
          if (problem) problems.push({ field: 'acheteur.id', value: read.buyerSiret, message: `SIRET ${problem}` });
          const named = problem ? null : departmentOfPublicSiret(read.buyerSiret);
          if (known && known.authorityCode !== authority) {
            problems.push({
              field: 'acheteur.id',
              value: read.buyerSiret,
              message: `is the buyer ${known.name} of authority ${known.authorityCode}, not ${authority}`,
            });
          } else if (!known && named && named !== authority) {
            problems.push({
              field: 'acheteur.id',
              value: read.buyerSiret,
              message: `is the SIRET of a local authority of département ${named}, not ${authority}: import it into ${named}`,
            });
          }
        }
        if (!read.fields) return problems.forEach((p) => report(read, p));
        let buyerId = known?.id;
        if (!buyerId && read.buyerSiret && !siretProblem(read.buyerSiret)) {
          let created = newBuyers.get(read.buyerSiret);
          if (!created) {
            // the SIRET alone does not say where the buyer is: the caller's authority is assumed, and said
            created = { id: randomUUID(), siret: read.buyerSiret, name: read.buyerName || read.buyerSiret };
            newBuyers.set(read.buyerSiret, created);
            const unnamed = read.buyerName ? '' : '; the file gives no acheteur.nom: it is named by its SIRET until an editor names it';
            warn(read, {
              field: 'acheteur.id',
              value: read.buyerSiret,
              message: `is a buyer new to the platform, filed under authority ${authority}${unnamed}`,
            });
          }
          buyerId = created.id;
        }
        const state: ContractState = {
          buyerId: buyerId ?? '',
          authorityCode: authority,
          fields: { ...read.fields, ...(read.platform ?? {}) },
          awardees: read.awardees,
          modifications: read.modifications,
          subcontracts: read.subcontracts,
          subcontractModifications: read.subcontractModifications,
        };
        const place = placeDepartment(state);
        if (place && place !== authority) {
          warn(read, {
            field: 'lieuExecution.code',
            value: state.fields.placeCode,
            message: `lies in département ${place}, not ${authority}: check the buyer belongs to ${authority}`,
          });
        }
        if (options.completeMissing) {
          for (const filled of completeForPublication(state)) {
            warn(read, { field: filled.field, value: null, message: `was missing: completed with "${filled.neutral}" (completeMissing)` });
          }
        }
        // considerations are checked below with the other fields the 2024 format requires, for both formats
        for (const problem of contractProblems(state, { today, legacy: true })) {
          const field = decpField(problem.field);
          // the reader already said what is wrong with this field (or inside it)
          if (
            problems.some(
              (p) => p.field !== null && (p.field === field || p.field.startsWith(`${field}[`) || p.field.startsWith(`${field}.`)),
            )
          )
            continue;
          problems.push({ field, value: valueAt(state, problem.field), message: problem.message });
        }
        for (const gap of publicationGaps(state)) {
          if (problems.some((p) => p.field === gap.field)) continue;
          problems.push({ field: gap.field, value: null, message: gapMessage(gap, read.legacy) });
        }
        if (problems.length) problems.forEach((problem) => report(read, problem));
        else good.push({ read, key: `${read.buyerSiret}|${read.decpId}`, state });
      });
      options.onProgress?.(reads.length, reads.length);

      // 2. against what is stored: locked for the rest of the transaction, merged, checked again
      const stored = await this.lockStored(manager, good, buyers);
      const final = new Map<string, { state: ContractState; last: GoodRecord }>();
      for (const record of good) {
        const before = final.get(record.key)?.state ?? stored.get(record.key)?.state ?? null;
        if (before && isPublished(before)) {
          const changed = initialDataChanges(before, record.state);
          if (changed.length) {
            for (const field of changed) {
              report(record.read, {
                field: decpField(field),
                value: valueAt(record.state, field),
                message:
                  `differs from the published contract (${valueAt(before, field) ?? 'empty'}): ` +
                  'DECP initial data never change; publish the change as a modification',
              });
            }
            continue;
          }
        }
        const merged = merge(before, record);
        const problems = contractProblems(merged, { today, legacy: true });
        if (problems.length) {
          const ids = merged.modifications.map((m) => m.decpId);
          for (const problem of problems)
            report(record.read, {
              field: decpField(problem.field, ids),
              value: valueAt(merged, problem.field),
              message: `${problem.message} (once merged with the stored contract)`,
            });
          continue;
        }
        final.set(record.key, { state: merged, last: record });
      }

      const writes: Array<ContractWrite & { before: ContractState | null }> = [];
      let unchanged = 0;
      for (const [key, { state }] of final) {
        const existing = stored.get(key);
        if (!existing) writes.push({ id: null, expectedVersion: null, state, before: null });
        else if (fingerprint(existing.state) === fingerprint(state)) unchanged++;
        else writes.push({ id: existing.contract.id, expectedVersion: existing.contract.version, state, before: existing.state });
      }
      const usedBuyers = new Set(writes.map((w) => w.state.buyerId));
      const buyersToCreate = [...newBuyers.values()].filter((b) => usedBuyers.has(b.id));
      const badRecords = new Set(errors.map((e) => e.path)).size;
      errors.sort((a, b) => a.index - b.index || a.path.localeCompare(b.path));
      warnings.sort((a, b) => a.index - b.index || a.path.localeCompare(b.path));
      const created = writes.filter((w) => w.id === null).length;
      const updated = writes.length - created;
      const refused = errors.length > 0 && !options.skipInvalidRecords;

      const result: DecpImportReport = {
        applied: false,
        dryRun: options.dryRun,
        records: records.length,
        created,
        updated,
        unchanged,
        skipped: options.skipInvalidRecords ? badRecords : 0,
        ignoredConcessions: setAside.filter((a) => a.kind === 'concession').length,
        legacyRecords: reads.filter((r) => r.legacy && r.fields).length,
        buyersCreated: buyersToCreate.length,
        summary: summary({ created, updated, unchanged, bad: badRecords, refused, dryRun: options.dryRun }),
        errors,
        warnings,
      };
      if (options.dryRun || refused) return result;

      if (buyersToCreate.length) {
        await manager.query(
          `INSERT INTO procurement.buyer (id, siret, name, authority_code)
           SELECT id, siret, name, $2 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, siret text, name text)`,
          [JSON.stringify(buyersToCreate), authority],
        );
      }
      const ids = await saveStates(manager, writes).catch((error: unknown) => {
        // a contract created meanwhile through the API with the same buyer and DECP id
        if (
          (error as { code?: string; driverError?: { code?: string } }).code === '23505' ||
          (error as { driverError?: { code?: string } }).driverError?.code === '23505'
        ) {
          throw new ConflictError('DecpImport', authority);
        }
        throw error;
      });
      const audit: AuditEntry[] = [
        ...buyersToCreate.map((b) => ({
          entity: 'Buyer',
          entityId: b.id,
          action: 'import' as const,
          after: { siret: b.siret, name: b.name, authorityCode: authority },
        })),
        ...writes.map((w, i) => ({
          entity: 'Contract',
          entityId: ids[i],
          action: 'import' as const,
          before: w.before ? auditValues(w.before) : undefined,
          after: auditValues(w.state),
        })),
      ];
      for (let i = 0; i < audit.length; i += 1000) await recordAudit(manager, SCHEMA, context, audit.slice(i, i + 1000));
      result.applied = true;
      return result;
    });
  }

  /** The stored contracts the good records name, locked, with their whole state, by `siret|decpId`. */
  private async lockStored(
    manager: EntityManager,
    good: GoodRecord[],
    buyers: Map<string, Buyer>,
  ): Promise<Map<string, { contract: Contract; state: ContractState }>> {
    const pairs = good.filter((g) => buyers.has(g.read.buyerSiret as string));
    const found = new Map<string, { contract: Contract; state: ContractState }>();
    if (!pairs.length) return found;
    const contracts = await manager
      .getRepository(Contract)
      .createQueryBuilder('contract')
      .where('(contract.buyer_id, contract.decp_id) IN (SELECT * FROM unnest(CAST(:buyerIds AS uuid[]), CAST(:decpIds AS text[])))', {
        buyerIds: pairs.map((p) => buyers.get(p.read.buyerSiret as string)!.id),
        decpIds: pairs.map((p) => p.read.decpId),
      })
      .setLock('pessimistic_write')
      .getMany();
    const states = await loadStates(manager, contracts);
    const siretOf = new Map([...buyers.values()].map((b) => [b.id, b.siret]));
    for (const contract of contracts)
      found.set(`${siretOf.get(contract.buyerId)}|${contract.decpId}`, { contract, state: states.get(contract.id) as ContractState });
    return found;
  }
}
