// Business rules of contracts: who may write, validation, versioned edits with their audit, and the filtered list.
import { BadInputError, ConflictError, isUuid, lockForEdit, NotFoundError, paginate, recordAudit, type Page, type PageArgs, type RequestContext, assertCanWrite } from '@ess/kit';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Buyer } from '../buyer/buyer.entity';
import { authorityCodes } from '../common/authority';
import { AwardeeIdType, ContractNature } from '../common/codes';
import { SCHEMA } from '../common/columns';
import { compactIdentifier, todayIso } from '../common/identifiers';
import { OrderDirection } from '../common/order';
import { Contract } from './contract.entity';
import { contractProblems, initialDataChanges, isPublished, type AwardeeValues, type ContractFields, type ContractState, type ModificationValues } from './contract.rules';
import { auditValues, loadStates, returnedRows, saveStates } from './contract.store';
import { ContractOrderField, type ContractFilter, type ContractOrder } from './dto/contract.filter';
import type { AwardeeInput, ContractFieldsInput, CreateContractInput, ModificationInput } from './dto/contract.input';

export const contractNotFound = (id: string) => new NotFoundError('Contract', id);

function awardeesOf(inputs: AwardeeInput[]): AwardeeValues[] {
  return inputs.map((a) => {
    const idType = a.idType ?? AwardeeIdType.SIRET;
    const identifier = idType === AwardeeIdType.SIRET || idType === AwardeeIdType.TVA ? compactIdentifier(a.identifier).toUpperCase() : a.identifier.trim();
    return { idType, identifier, name: a.name?.trim() || null };
  });
}

/** Applies what a caller sent to a contract's fields: undefined leaves a field, null clears it. */
function applyFields(before: ContractFields | null, input: ContractFieldsInput): ContractFields {
  const pick = <K extends keyof ContractFields>(key: K, given: ContractFields[K] | undefined, fallback: ContractFields[K]): ContractFields[K] =>
    given !== undefined ? given : before ? before[key] : fallback;
  const place = input.placeOfExecution;
  // null clears a field (a required one is then reported missing by the rules), a list included
  const text = (value: string | null | undefined) => (value === null || value === undefined ? value : value.trim());
  const list = <T>(value: T[] | null | undefined): T[] | undefined => (value === null ? [] : value);
  return {
    decpId: pick('decpId', text(input.decpId) as string, null as never),
    nature: pick('nature', input.nature, ContractNature.MARCHE),
    object: pick('object', text(input.object) as string, null as never),
    cpvCode: pick('cpvCode', text(input.cpvCode) as string, null as never),
    procedure: pick('procedure', input.procedure, null as never),
    techniques: pick('techniques', list(input.techniques), []),
    executionModes: pick('executionModes', list(input.executionModes), []),
    frameworkAgreementId: pick('frameworkAgreementId', text(input.frameworkAgreementId), null),
    innovative: pick('innovative', input.innovative, null),
    ccag: pick('ccag', input.ccag, null),
    offersReceived: pick('offersReceived', input.offersReceived, null),
    advanceGranted: pick('advanceGranted', input.advanceGranted, null),
    advanceRate: pick('advanceRate', input.advanceRate, null),
    operatorGrouping: pick('operatorGrouping', input.operatorGrouping, null),
    subcontractingDeclared: pick('subcontractingDeclared', input.subcontractingDeclared, null),
    placeCode: pick('placeCode', place === undefined ? undefined : (place?.code.trim() ?? null), null),
    placeTypeCode: pick('placeTypeCode', place === undefined ? undefined : (place?.typeCode ?? null), null),
    durationMonths: pick('durationMonths', input.durationMonths as number, null as never),
    notifiedOn: pick('notifiedOn', input.notifiedOn as string, null as never),
    publishedOn: pick('publishedOn', input.publishedOn, null),
    amount: pick('amount', input.amount as number, null as never),
    priceForm: pick('priceForm', input.priceForm, null),
    priceTypes: pick('priceTypes', list(input.priceTypes), []),
    originEu: pick('originEu', input.originEu, null),
    originFrance: pick('originFrance', input.originFrance, null),
    socialConsiderations: pick('socialConsiderations', list(input.socialConsiderations), []),
    environmentalConsiderations: pick('environmentalConsiderations', list(input.environmentalConsiderations), []),
    reservedBasis: pick('reservedBasis', input.reservedBasis, null),
    insertionHoursPlanned: pick('insertionHoursPlanned', input.insertionHoursPlanned, null),
    insertionHoursAchieved: pick('insertionHoursAchieved', input.insertionHoursAchieved, null),
  };
}

export function isDecpIdViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return (e.code ?? e.driverError?.code) === '23505' && (e.constraint ?? e.driverError?.constraint) === 'contract_buyer_decp_key';
}

export class ContractService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private filtered(given?: ContractFilter | null): SelectQueryBuilder<Contract> {
    const filter = given ?? {};
    const query = this.dataSource.getRepository(Contract).createQueryBuilder('contract');
    const authorities = authorityCodes(filter.authorities);
    if (authorities.length) query.andWhere('contract.authority_code IN (:...authorities)', { authorities });
    if (filter.buyerIds?.length) {
      const ids = filter.buyerIds.filter(isUuid);
      query.andWhere(ids.length ? 'contract.buyer_id IN (:...buyerIds)' : 'false', { buyerIds: ids });
    }
    if (filter.years?.length) {
      query.andWhere(
        `(${filter.years.map((_, i) => `(contract.notified_on >= make_date(:year${i}, 1, 1) AND contract.notified_on < make_date(:year${i} + 1, 1, 1))`).join(' OR ')})`,
        Object.fromEntries(filter.years.map((year, i) => [`year${i}`, year])),
      );
    }
    if (filter.notifiedFrom) query.andWhere('contract.notified_on >= :from', { from: filter.notifiedFrom });
    if (filter.notifiedTo) query.andWhere('contract.notified_on <= :to', { to: filter.notifiedTo });
    if (filter.natures?.length) query.andWhere('contract.nature IN (:...natures)', { natures: filter.natures });
    if (filter.procedures?.length) query.andWhere('contract.procedure IN (:...procedures)', { procedures: filter.procedures });
    if (filter.hasSocialConsideration != null) query.andWhere('contract.has_social = :hasSocial', { hasSocial: filter.hasSocialConsideration });
    if (filter.hasEnvironmentalConsideration != null) query.andWhere('contract.has_environmental = :hasEnv', { hasEnv: filter.hasEnvironmentalConsideration });
    if (filter.reserved != null) query.andWhere('contract.is_reserved = :reserved', { reserved: filter.reserved });
    if (filter.reservedBases?.length) query.andWhere('contract.reserved_basis IN (:...bases)', { bases: filter.reservedBases });
    if (filter.awardeeSiret != null) {
      query.andWhere('EXISTS (SELECT 1 FROM procurement.contract_awardee a WHERE a.contract_id = contract.id AND a.siret = :awardeeSiret)', {
        awardeeSiret: compactIdentifier(filter.awardeeSiret),
      });
    }
    if (filter.cpvPrefix) query.andWhere('contract.cpv_code LIKE :cpv', { cpv: `${filter.cpvPrefix}%` });
    if (filter.search?.trim()) {
      const pattern = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(contract.object ILIKE :search OR contract.decp_id ILIKE :search)', { search: pattern });
    }
    return query;
  }

  list(filter: ContractFilter | null | undefined, order: ContractOrder | null | undefined, page: PageArgs): Promise<Page<Contract>> {
    const field = order?.field ?? ContractOrderField.NOTIFIED_ON;
    const direction = order?.direction ?? OrderDirection.DESC;
    const sort = {
      [ContractOrderField.NOTIFIED_ON]: { expression: 'contract.notified_on', value: (c: Contract) => c.notifiedOn },
      [ContractOrderField.AMOUNT]: { expression: 'contract.current_amount', value: (c: Contract) => c.currentAmount },
      [ContractOrderField.UPDATED_AT]: { expression: 'contract.updated_at', value: (c: Contract) => c.updatedAt.toISOString() },
    }[field];
    return paginate(this.filtered(filter), page, { ...sort, direction, id: 'contract.id', idValue: (c) => c.id });
  }

  private today(): string {
    return todayIso(this.clock());
  }

  async create(context: RequestContext, input: CreateContractInput): Promise<Contract> {
    const buyer = isUuid(input.buyerId) ? await this.dataSource.getRepository(Buyer).findOneBy({ id: input.buyerId }) : null;
    if (!buyer) throw BadInputError.field('buyerId', 'is not a buyer of the platform');
    assertCanWrite(context, buyer.authorityCode);
    const state: ContractState = { buyerId: buyer.id, authorityCode: buyer.authorityCode, fields: applyFields(null, input), awardees: awardeesOf(input.awardees ?? []), modifications: [] };
    const problems = contractProblems(state, { today: this.today() });
    if (problems.length) throw new BadInputError(problems);
    return this.dataSource.transaction(async (manager) => {
      await this.assertDecpIdFree(manager, buyer.id, state.fields.decpId, null);
      const [id] = await saveStates(manager, [{ id: null, expectedVersion: null, state }]).catch((error: unknown) => {
        if (isDecpIdViolation(error)) throw this.decpIdTaken(state.fields.decpId);
        throw error;
      });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Contract', entityId: id, action: 'create', after: auditValues(state) }]);
      return manager.findOneByOrFail(Contract, { id });
    });
  }

  async update(context: RequestContext, id: string, version: number, input: ContractFieldsInput): Promise<Contract> {
    return this.dataSource.transaction(async (manager) => {
      const { contract, state: before } = await this.lockState(manager, context, id, version);
      const after: ContractState = { ...before, fields: applyFields(before.fields, input), awardees: input.awardees ? awardeesOf(input.awardees) : before.awardees };
      if (isPublished(before)) {
        // DECP: initial data never change once published; a change is a modification (avenant)
        const changed = initialDataChanges(before, after);
        const message = 'is initial data of a published contract and never changes (DECP): record the change with addContractModification';
        if (changed.length) throw new BadInputError(changed.map((field) => ({ field, message })));
      }
      const problems = contractProblems(after, { today: this.today(), legacy: before.fields.socialConsiderations.length === 0 && input.socialConsiderations === undefined });
      if (problems.length) throw new BadInputError(problems);
      if (after.fields.decpId !== before.fields.decpId) await this.assertDecpIdFree(manager, contract.buyerId, after.fields.decpId, id);
      await saveStates(manager, [{ id, expectedVersion: version, state: after }]).catch((error: unknown) => {
        if (isDecpIdViolation(error)) throw this.decpIdTaken(after.fields.decpId);
        throw error;
      });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Contract', entityId: id, action: 'update', before: auditValues(before), after: auditValues(after) }]);
      return manager.findOneByOrFail(Contract, { id });
    });
  }

  /** Records a modification (avenant): the DECP never changes published data, it appends modifications. */
  async addModification(context: RequestContext, id: string, version: number, input: ModificationInput): Promise<Contract> {
    return this.dataSource.transaction(async (manager) => {
      const { state: before } = await this.lockState(manager, context, id, version);
      const next = Math.max(0, ...before.modifications.map((m) => m.decpId)) + 1;
      const modification: ModificationValues = {
        decpId: input.decpId ?? next,
        object: input.object?.trim() || null,
        notifiedOn: input.notifiedOn,
        publishedOn: input.publishedOn ?? null,
        durationMonths: input.durationMonths ?? null,
        amount: input.amount ?? null,
        awardees: awardeesOf(input.awardees ?? []),
      };
      const after: ContractState = { ...before, modifications: [...before.modifications, modification] };
      const index = after.modifications.length - 1;
      const problems = contractProblems(after, { today: this.today(), legacy: before.fields.socialConsiderations.length === 0 })
        .filter((p) => p.field.startsWith(`modifications.${index}.`))
        .map((p) => ({ ...p, field: p.field.replace(`modifications.${index}.`, 'input.') }));
      if (problems.length) throw new BadInputError(problems);
      await saveStates(manager, [{ id, expectedVersion: version, state: after }]);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Contract', entityId: id, action: 'update', before: auditValues(before), after: auditValues(after) }]);
      return manager.findOneByOrFail(Contract, { id });
    });
  }

  /** Removes a contract entered by mistake (its history stays in the audit log). */
  async remove(context: RequestContext, id: string, version: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const { state } = await this.lockState(manager, context, id, version);
      const result = returnedRows(await manager.query(`DELETE FROM procurement.contract WHERE id = $1 AND version = $2 RETURNING id`, [id, version]));
      if (!result.length) throw new ConflictError('Contract', id);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Contract', entityId: id, action: 'delete', before: auditValues(state) }]);
      return true;
    });
  }

  /** Locks the contract for the edit (see the kit's versioned.ts) and reads its whole state (modifications, awardees). */
  async lockState(manager: EntityManager, context: RequestContext, id: string, version: number): Promise<{ contract: Contract; state: ContractState }> {
    const contract = await lockForEdit(manager, Contract, 'Contract', id, version, (row) => assertCanWrite(context, row.authorityCode));
    const states = await loadStates(manager, [contract]);
    return { contract, state: states.get(id) as ContractState };
  }

  private decpIdTaken(decpId: string): BadInputError {
    return BadInputError.field('decpId', `${decpId} is already the DECP id of another contract of this buyer`);
  }

  private async assertDecpIdFree(manager: EntityManager, buyerId: string, decpId: string, exceptId: string | null): Promise<void> {
    const owner = await manager.getRepository(Contract).findOne({ where: { buyerId, decpId }, select: { id: true } });
    if (owner && owner.id !== exceptId) throw this.decpIdTaken(decpId);
  }
}
