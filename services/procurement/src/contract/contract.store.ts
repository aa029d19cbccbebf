// Reads and writes whole contracts (fields, modifications, awardees) in a fixed number of statements, whatever their number:
// the mutations write one, the DECP import thousands, through the same code.
import { ConflictError } from '@ess/kit';
import { In, type EntityManager } from 'typeorm';
import { Contract, ContractAwardee, ContractModification } from './contract.entity';
import { derive, normalizeState, type AwardeeValues, type ContractFields, type ContractState } from './contract.rules';

/** Column of each stored value, with its SQL type for jsonb_to_recordset. */
const CONTRACT_COLUMNS: Array<[key: string, column: string, type: string]> = [
  ['buyerId', 'buyer_id', 'uuid'],
  ['authorityCode', 'authority_code', 'text'],
  ['decpId', 'decp_id', 'text'],
  ['nature', 'nature', 'text'],
  ['object', 'object', 'text'],
  ['cpvCode', 'cpv_code', 'text'],
  ['procedure', 'procedure', 'text'],
  ['techniques', 'techniques', 'text[]'],
  ['executionModes', 'execution_modes', 'text[]'],
  ['frameworkAgreementId', 'framework_agreement_id', 'text'],
  ['innovative', 'innovative', 'boolean'],
  ['ccag', 'ccag', 'text'],
  ['offersReceived', 'offers_received', 'integer'],
  ['advanceGranted', 'advance_granted', 'boolean'],
  ['advanceRate', 'advance_rate', 'double precision'],
  ['operatorGrouping', 'operator_grouping', 'text'],
  ['subcontractingDeclared', 'subcontracting_declared', 'boolean'],
  ['placeCode', 'place_code', 'text'],
  ['placeTypeCode', 'place_type_code', 'text'],
  ['durationMonths', 'duration_months', 'integer'],
  ['notifiedOn', 'notified_on', 'date'],
  ['publishedOn', 'published_on', 'date'],
  ['amount', 'amount', 'numeric'],
  ['priceForm', 'price_form', 'text'],
  ['priceTypes', 'price_types', 'text[]'],
  ['originEu', 'origin_eu', 'double precision'],
  ['originFrance', 'origin_france', 'double precision'],
  ['socialConsiderations', 'social_considerations', 'text[]'],
  ['environmentalConsiderations', 'environmental_considerations', 'text[]'],
  ['reservedBasis', 'reserved_basis', 'text'],
  ['insertionHoursPlanned', 'insertion_hours_planned', 'integer'],
  ['insertionHoursAchieved', 'insertion_hours_achieved', 'integer'],
  ['subcontracts', 'subcontracts', 'jsonb'],
  ['subcontractModifications', 'subcontract_modifications', 'jsonb'],
  ['currentAmount', 'current_amount', 'numeric'],
  ['currentDurationMonths', 'current_duration_months', 'integer'],
];

/** TypeORM answers an UPDATE or DELETE with `[rows, affected]` and anything else with the rows: the rows either way. */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

const COLUMN_LIST = CONTRACT_COLUMNS.map(([, column]) => column).join(', ');
const RECORD_TYPES = CONTRACT_COLUMNS.map(([, column, type]) => `${column} ${type}`).join(', ');

export function fieldsOf(contract: Contract): ContractFields {
  return {
    decpId: contract.decpId,
    nature: contract.nature,
    object: contract.object,
    cpvCode: contract.cpvCode,
    procedure: contract.procedure,
    techniques: contract.techniques,
    executionModes: contract.executionModes,
    frameworkAgreementId: contract.frameworkAgreementId,
    innovative: contract.innovative,
    ccag: contract.ccag,
    offersReceived: contract.offersReceived,
    advanceGranted: contract.advanceGranted,
    advanceRate: contract.advanceRate,
    operatorGrouping: contract.operatorGrouping,
    subcontractingDeclared: contract.subcontractingDeclared,
    placeCode: contract.placeCode,
    placeTypeCode: contract.placeTypeCode,
    durationMonths: contract.durationMonths,
    notifiedOn: contract.notifiedOn,
    publishedOn: contract.publishedOn,
    amount: contract.amount,
    priceForm: contract.priceForm,
    priceTypes: contract.priceTypes,
    originEu: contract.originEu,
    originFrance: contract.originFrance,
    socialConsiderations: contract.socialConsiderations,
    environmentalConsiderations: contract.environmentalConsiderations,
    reservedBasis: contract.reservedBasis,
    insertionHoursPlanned: contract.insertionHoursPlanned,
    insertionHoursAchieved: contract.insertionHoursAchieved,
  };
}

const awardeeValues = (row: ContractAwardee): AwardeeValues => ({ idType: row.idType, identifier: row.identifier, name: row.name });

/** The whole state of each contract (two statements for all of them). */
export async function loadStates(manager: EntityManager, contracts: Contract[]): Promise<Map<string, ContractState>> {
  const ids = contracts.map((c) => c.id);
  const states = new Map<string, ContractState>();
  if (!ids.length) return states;
  const modifications = await manager.find(ContractModification, { where: { contractId: In(ids) }, order: { decpId: 'ASC' } });
  const awardees = await manager.find(ContractAwardee, { where: { contractId: In(ids) }, order: { position: 'ASC' } });
  const awardeesOf = new Map<string, ContractAwardee[]>();
  for (const row of awardees) {
    const key = row.modificationId ?? `contract:${row.contractId}`;
    awardeesOf.set(key, [...(awardeesOf.get(key) ?? []), row]);
  }
  for (const contract of contracts) {
    states.set(contract.id, {
      buyerId: contract.buyerId,
      authorityCode: contract.authorityCode,
      fields: fieldsOf(contract),
      awardees: (awardeesOf.get(`contract:${contract.id}`) ?? []).map(awardeeValues),
      subcontracts: contract.subcontracts ?? [],
      subcontractModifications: contract.subcontractModifications ?? [],
      modifications: modifications
        .filter((m) => m.contractId === contract.id)
        .map((m) => ({
          decpId: m.decpId,
          object: m.object,
          notifiedOn: m.notifiedOn,
          publishedOn: m.publishedOn,
          durationMonths: m.durationMonths,
          amount: m.amount,
          awardees: (awardeesOf.get(m.id) ?? []).map(awardeeValues),
        })),
    });
  }
  return states;
}

export interface ContractWrite {
  /** null for a new contract; `newId` may fix its id (demo data), otherwise PostgreSQL draws one. */
  id: string | null;
  newId?: string;
  /** The version the change was made from (an update fails with CONFLICT when the row moved on). */
  expectedVersion: number | null;
  state: ContractState;
}

function contractRow(state: ContractState, extra: Record<string, unknown>): Record<string, unknown> {
  const derived = derive(state);
  const values: Record<string, unknown> = {
    ...state.fields,
    buyerId: state.buyerId,
    authorityCode: state.authorityCode,
    subcontracts: state.subcontracts ?? [],
    subcontractModifications: state.subcontractModifications ?? [],
    currentAmount: derived.currentAmount,
    currentDurationMonths: derived.currentDurationMonths,
  };
  const row: Record<string, unknown> = { ...extra };
  for (const [key, column] of CONTRACT_COLUMNS) row[column] = values[key] ?? null;
  return row;
}

/**
 * Writes contracts with their modifications and awardees: one statement for the inserts, one for the updates, two for
 * the modifications and two for the awardees, for any number of contracts. Returns the ids in the order given.
 */
export async function saveStates(manager: EntityManager, writes: ContractWrite[]): Promise<string[]> {
  const normalized = writes.map((w) => ({ ...w, state: normalizeState(w.state) }));
  const ids: Array<string | null> = normalized.map((w) => w.id);

  const inserts = normalized.map((w, index) => ({ w, index })).filter(({ w }) => w.id === null);
  if (inserts.length) {
    const rows = inserts.map(({ w }) => contractRow(w.state, { id: w.newId ?? null }));
    const inserted: Array<{ id: string; buyer_id: string; decp_id: string }> = await manager.query(
      `INSERT INTO procurement.contract (id, ${COLUMN_LIST})
       SELECT coalesce(r.id, gen_random_uuid()), ${CONTRACT_COLUMNS.map(([, c]) => `r.${c}`).join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, ${RECORD_TYPES})
       RETURNING id, buyer_id, decp_id`,
      [JSON.stringify(rows)],
    );
    const byKey = new Map(inserted.map((row) => [`${row.buyer_id}|${row.decp_id}`, row.id]));
    for (const { w, index } of inserts) ids[index] = byKey.get(`${w.state.buyerId}|${w.state.fields.decpId}`) as string;
  }

  const updates = normalized.filter((w) => w.id !== null);
  if (updates.length) {
    const rows = updates.map((w) => contractRow(w.state, { id: w.id, expected_version: w.expectedVersion }));
    const updated = returnedRows<{ id: string }>(
      await manager.query(
      `UPDATE procurement.contract c
       SET (${COLUMN_LIST}) = (${CONTRACT_COLUMNS.map(([, c]) => `r.${c}`).join(', ')}), version = c.version + 1, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, expected_version integer, ${RECORD_TYPES})
       WHERE c.id = r.id AND c.version = r.expected_version
       RETURNING c.id`,
        [JSON.stringify(rows)],
      ),
    );
    if (updated.length !== updates.length) {
      const done = new Set(updated.map((row) => row.id));
      const stale = updates.find((w) => !done.has(w.id as string)) as ContractWrite;
      throw new ConflictError('Contract', stale.id as string);
    }
  }

  const touched = normalized.map((w, index) => ({ id: ids[index] as string, state: w.state }));
  const existingIds = normalized.filter((w) => w.id !== null).map((w) => w.id as string);
  const existing = new Set(existingIds);
  if (existingIds.length) {
    // modifications the state no longer lists (the DECP only appends them; this keeps a state and its rows equal)
    await manager.query(
      `DELETE FROM procurement.contract_modification m USING jsonb_to_recordset($1::jsonb) AS k(contract_id uuid, ids integer[])
       WHERE m.contract_id = k.contract_id AND NOT (m.decp_modification_id = ANY(k.ids))`,
      [JSON.stringify(touched.filter((t) => existing.has(t.id)).map((t) => ({ contract_id: t.id, ids: t.state.modifications.map((m) => m.decpId) })))],
    );
  }
  const modificationRows = touched.flatMap((t) =>
    t.state.modifications.map((m) => ({
      contract_id: t.id,
      decp_modification_id: m.decpId,
      object: m.object,
      notified_on: m.notifiedOn,
      published_on: m.publishedOn,
      duration_months: m.durationMonths,
      amount: m.amount,
    })),
  );
  if (modificationRows.length) {
    await manager.query(
      `INSERT INTO procurement.contract_modification (contract_id, decp_modification_id, object, notified_on, published_on, duration_months, amount)
       SELECT r.contract_id, r.decp_modification_id, r.object, r.notified_on, r.published_on, r.duration_months, r.amount
       FROM jsonb_to_recordset($1::jsonb) AS r(contract_id uuid, decp_modification_id integer, object text, notified_on date, published_on date, duration_months integer, amount numeric)
       ON CONFLICT (contract_id, decp_modification_id) DO UPDATE SET object = EXCLUDED.object, notified_on = EXCLUDED.notified_on,
         published_on = EXCLUDED.published_on, duration_months = EXCLUDED.duration_months, amount = EXCLUDED.amount`,
      [JSON.stringify(modificationRows)],
    );
  }

  if (existingIds.length) await manager.query(`DELETE FROM procurement.contract_awardee WHERE contract_id = ANY($1::uuid[])`, [existingIds]);
  const awardeeRows = touched.flatMap((t) => {
    const currentFrom = derive(t.state).currentAwardeesFrom;
    const rows = t.state.awardees.map((a, position) => ({ contract_id: t.id, modification: null as number | null, position, ...a, current: currentFrom === null }));
    for (const m of t.state.modifications) {
      rows.push(...m.awardees.map((a, position) => ({ contract_id: t.id, modification: m.decpId, position, ...a, current: currentFrom === m.decpId })));
    }
    return rows.map((r) => ({ contract_id: r.contract_id, modification: r.modification, position: r.position, id_type: r.idType, identifier: r.identifier, name: r.name, is_current: r.current }));
  });
  if (awardeeRows.length) {
    await manager.query(
      `INSERT INTO procurement.contract_awardee (contract_id, modification_id, position, id_type, identifier, name, is_current)
       SELECT r.contract_id, m.id, r.position, r.id_type, r.identifier, r.name, r.is_current
       FROM jsonb_to_recordset($1::jsonb) AS r(contract_id uuid, modification integer, position smallint, id_type text, identifier text, name text, is_current boolean)
       LEFT JOIN procurement.contract_modification m ON m.contract_id = r.contract_id AND m.decp_modification_id = r.modification`,
      [JSON.stringify(awardeeRows)],
    );
  }
  return ids as string[];
}

/** What the audit log keeps of a contract: every field, awardees and modifications. */
export function auditValues(state: ContractState): Record<string, unknown> {
  const normalized = normalizeState(state);
  return {
    ...normalized.fields,
    buyerId: normalized.buyerId,
    authorityCode: normalized.authorityCode,
    awardees: normalized.awardees,
    modifications: normalized.modifications,
    subcontracts: normalized.subcontracts,
    subcontractModifications: normalized.subcontractModifications,
  };
}
