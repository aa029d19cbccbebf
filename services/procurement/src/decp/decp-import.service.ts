// Imports DECP JSON: idempotent on buyer SIRET + contract id (a re-import applies new modifications, never duplicates),
// every bad record reported with its position, field, value and reason, and all or nothing unless asked to skip.
import { randomUUID } from 'node:crypto';
import { BadInputError, ConflictError, recordAudit, type AuditEntry, type RequestContext } from '@ess/kit';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Buyer } from '../buyer/buyer.entity';
import { assertCanWrite } from '../common/authority';
import { SCHEMA } from '../common/columns';
import { departmentProblem, siretProblem, todayIso } from '../common/identifiers';
import { Contract } from '../contract/contract.entity';
import { contractProblems, fingerprint, type AwardeeValues, type ContractState, type ModificationValues } from '../contract/contract.rules';
import { auditValues, loadStates, saveStates, type ContractWrite } from '../contract/contract.store';
import { decpField, extractRecords, MAX_DECP_RECORDS, readRecord, type ReadRecord, type RecordProblem } from './decp-read';
import type { DecpImportError, DecpImportReport } from './decp.types';

export interface DecpImportOptions {
  authority: string;
  skipInvalidRecords: boolean;
  dryRun: boolean;
}

/** A record that passed its own checks, with the state it asks for. */
interface GoodRecord {
  read: ReadRecord;
  key: string;
  state: ContractState;
}

const nameKey = (a: AwardeeValues) => `${a.idType}:${a.identifier}`;

/**
 * The state after applying an incoming record to what is stored: the record's DECP fields win, modifications are merged by
 * their DECP id (the DECP only appends them, and some publishers send each modification as a record of its own), and what
 * the DECP does not carry (reserved basis, insertion hours, awardee names) is kept unless the file brings it.
 */
function merge(stored: ContractState | null, incoming: GoodRecord): ContractState {
  const read = incoming.read;
  const platform = read.platform;
  const knownNames = new Map<string, string>();
  if (stored) for (const a of [...stored.awardees, ...stored.modifications.flatMap((m) => m.awardees)]) if (a.name) knownNames.set(nameKey(a), a.name);
  const named = (awardees: AwardeeValues[]) => awardees.map((a) => ({ ...a, name: a.name ?? knownNames.get(nameKey(a)) ?? null }));
  const modifications = new Map<number, ModificationValues>((stored?.modifications ?? []).map((m) => [m.decpId, m]));
  for (const m of read.modifications) modifications.set(m.decpId, { ...m, awardees: named(m.awardees) });
  return {
    buyerId: incoming.state.buyerId,
    authorityCode: incoming.state.authorityCode,
    fields: {
      ...read.fields,
      reservedBasis: platform ? platform.reservedBasis : (stored?.fields.reservedBasis ?? null),
      insertionHoursPlanned: platform ? platform.insertionHoursPlanned : (stored?.fields.insertionHoursPlanned ?? null),
      insertionHoursAchieved: platform ? platform.insertionHoursAchieved : (stored?.fields.insertionHoursAchieved ?? null),
    },
    awardees: named(read.awardees),
    modifications: [...modifications.values()],
  };
}

function valueAt(state: ContractState, field: string): string | null {
  const path = field.replace('placeOfExecution.code', 'fields.placeCode').replace('placeOfExecution.typeCode', 'fields.placeTypeCode').split('.');
  let value: unknown = ['awardees', 'modifications', 'fields'].includes(path[0]) ? state : state.fields;
  for (const part of path) value = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[part];
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

export class DecpImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async importJson(context: RequestContext, json: string, options: DecpImportOptions): Promise<DecpImportReport> {
    const authority = options.authority.trim().toUpperCase();
    const authorityProblem = departmentProblem(authority);
    if (authorityProblem) throw BadInputError.field('authority', authorityProblem);
    assertCanWrite(context, authority);

    let document: unknown;
    try {
      document = JSON.parse(json.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw BadInputError.field('json', `is not valid JSON: ${(error as Error).message}`);
    }
    const { records, ignoredConcessions } = extractRecords(document);
    if (records.length === 0 && ignoredConcessions === 0) throw BadInputError.field('json', 'has no contracts');
    if (records.length > MAX_DECP_RECORDS) throw BadInputError.field('json', `has ${records.length} contracts; import at most ${MAX_DECP_RECORDS} at a time`);

    const today = todayIso(this.clock());
    const reads = records.map(readRecord);
    const errors: DecpImportError[] = [];
    const report = (read: ReadRecord, problem: RecordProblem) =>
      errors.push({ index: read.index, path: read.path, decpId: read.decpId, buyerSiret: read.buyerSiret, field: problem.field, value: problem.value, message: problem.message });

    return this.dataSource.transaction(async (manager) => {
      // One import at a time per authority: two files naming the same new buyer or contract wait for each other
      // instead of racing to insert it. (A concurrent single edit still meets the row locks and versions below.)
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('procurement.decp-import:' || $1))`, [authority]);
      const sirets = [...new Set(reads.map((r) => r.buyerSiret).filter((s): s is string => Boolean(s) && !siretProblem(s as string)))];
      const buyers = new Map((sirets.length ? await manager.findBy(Buyer, { siret: In(sirets) }) : []).map((b) => [b.siret, b]));
      const newBuyers = new Map<string, { id: string; siret: string; name: string }>();

      // 1. each record on its own: format, then the contract rules
      const good: GoodRecord[] = [];
      for (const read of reads) {
        const problems = [...read.problems];
        if (read.buyerSiret) {
          const problem = siretProblem(read.buyerSiret);
          if (problem) problems.push({ field: 'acheteur.id', value: read.buyerSiret, message: `SIRET ${problem}` });
          const known = buyers.get(read.buyerSiret);
          if (known && known.authorityCode !== authority) {
            problems.push({ field: 'acheteur.id', value: read.buyerSiret, message: `is the buyer ${known.name} of authority ${known.authorityCode}, not ${authority}` });
          }
        }
        let state: ContractState | null = null;
        if (read.fields) {
          let buyerId = buyers.get(read.buyerSiret ?? '')?.id;
          if (!buyerId && read.buyerSiret && !siretProblem(read.buyerSiret)) {
            const created = newBuyers.get(read.buyerSiret) ?? { id: randomUUID(), siret: read.buyerSiret, name: read.buyerName || `Acheteur ${read.buyerSiret}` };
            newBuyers.set(read.buyerSiret, created);
            buyerId = created.id;
          }
          state = { buyerId: buyerId ?? '', authorityCode: authority, fields: { ...read.fields, ...(read.platform ?? {}) }, awardees: read.awardees, modifications: read.modifications };
          for (const problem of contractProblems(state, { today, legacy: read.legacy })) {
            const field = decpField(problem.field);
            // the reader already said what is wrong with this field (or inside it)
            if (problems.some((p) => p.field !== null && (p.field === field || p.field.startsWith(`${field}[`) || p.field.startsWith(`${field}.`)))) continue;
            problems.push({ field, value: valueAt(state, problem.field), message: problem.message });
          }
        }
        if (problems.length) problems.forEach((problem) => report(read, problem));
        else good.push({ read, key: `${read.buyerSiret}|${read.decpId}`, state: state as ContractState });
      }

      // 2. against what is stored: locked for the rest of the transaction, merged, checked again
      const stored = await this.lockStored(manager, good, buyers);
      const final = new Map<string, { state: ContractState; last: GoodRecord }>();
      for (const record of good) {
        const before = final.get(record.key)?.state ?? stored.get(record.key)?.state ?? null;
        const merged = merge(before, record);
        const problems = contractProblems(merged, { today, legacy: record.read.legacy });
        if (problems.length) {
          const ids = merged.modifications.map((m) => m.decpId);
          for (const problem of problems) report(record.read, { field: decpField(problem.field, ids), value: valueAt(merged, problem.field), message: `${problem.message} (once merged with the stored contract)` });
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
      const badRecords = new Set(errors.map((e) => e.index)).size;
      errors.sort((a, b) => a.index - b.index);

      const result: DecpImportReport = {
        applied: false,
        dryRun: options.dryRun,
        records: records.length,
        created: writes.filter((w) => w.id === null).length,
        updated: writes.filter((w) => w.id !== null).length,
        unchanged,
        skipped: options.skipInvalidRecords ? badRecords : 0,
        ignoredConcessions,
        legacyRecords: reads.filter((r) => r.legacy && r.fields).length,
        buyersCreated: buyersToCreate.length,
        errors,
      };
      if (options.dryRun || (errors.length && !options.skipInvalidRecords)) return result;

      if (buyersToCreate.length) {
        await manager.query(
          `INSERT INTO procurement.buyer (id, siret, name, authority_code) SELECT id, siret, name, $2 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, siret text, name text)`,
          [JSON.stringify(buyersToCreate), authority],
        );
      }
      const ids = await saveStates(manager, writes).catch((error: unknown) => {
        // a contract created meanwhile through the API with the same buyer and DECP id
        if ((error as { code?: string; driverError?: { code?: string } }).code === '23505' || (error as { driverError?: { code?: string } }).driverError?.code === '23505') {
          throw new ConflictError('DecpImport', authority);
        }
        throw error;
      });
      const audit: AuditEntry[] = [
        ...buyersToCreate.map((b) => ({ entity: 'Buyer', entityId: b.id, action: 'import' as const, after: { siret: b.siret, name: b.name, authorityCode: authority } })),
        ...writes.map((w, i) => ({ entity: 'Contract', entityId: ids[i], action: 'import' as const, before: w.before ? auditValues(w.before) : undefined, after: auditValues(w.state) })),
      ];
      for (let i = 0; i < audit.length; i += 1000) await recordAudit(manager, SCHEMA, context, audit.slice(i, i + 1000));
      result.applied = true;
      return result;
    });
  }

  /** The stored contracts the good records name, locked, with their whole state, by `siret|decpId`. */
  private async lockStored(manager: EntityManager, good: GoodRecord[], buyers: Map<string, Buyer>): Promise<Map<string, { contract: Contract; state: ContractState }>> {
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
    for (const contract of contracts) found.set(`${siretOf.get(contract.buyerId)}|${contract.decpId}`, { contract, state: states.get(contract.id) as ContractState });
    return found;
  }
}
