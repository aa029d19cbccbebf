// Agreements: the list, their rules (beneficiary SIRET, amounts, dates, schedule, granting authority of the plan), versioned edits.
import { BadInputError, paginate, recordAudit, assertCanWrite, idempotent, type Page, type PageArgs, type RequestContext } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { planAuthorities } from '../common/access';
import { assertVersion, lockRow, referenced, writeVersioned } from '@ess/kit';
import { cleanText, compactIdentifier, merged, Problems, siretProblem } from '@ess/kit';
import { Action } from '../action/action.entity';
import { Agreement, AgreementStatus, agreementValues, Instalment, PaymentTerms, type InstalmentValues } from './agreement.entity';
import { SCDL_MAX_TEXT } from './scdl';
import type { AgreementFieldsInput, AgreementFilter, CreateAgreementInput, InstalmentInput, UpdateAgreementInput } from './dto/agreement.input';

const SCHEMA = 'plans';

export type AgreementFields = Pick<
  Agreement,
  | 'actionId'
  | 'authorityCode'
  | 'actorId'
  | 'beneficiaryName'
  | 'beneficiarySiret'
  | 'beneficiaryRna'
  | 'object'
  | 'amount'
  | 'nature'
  | 'paymentTerms'
  | 'paymentTermsNote'
  | 'signedOn'
  | 'startOn'
  | 'endOn'
  | 'decisionReference'
  | 'status'
  | 'raeId'
  | 'euNotified'
  | 'subsidyShare'
  | 'aidScheme'
  | 'multiFunder'
>;

const EMPTY = {
  actionId: '',
  authorityCode: '',
  actorId: '',
  beneficiaryName: '',
  beneficiarySiret: null,
  beneficiaryRna: null,
  object: '',
  amount: null,
  nature: null,
  paymentTerms: PaymentTerms.SINGLE,
  paymentTermsNote: null,
  signedOn: null,
  startOn: null,
  endOn: null,
  decisionReference: null,
  status: AgreementStatus.DRAFT,
  raeId: null,
  euNotified: false,
  subsidyShare: 1,
  aidScheme: null,
  multiFunder: false,
} as unknown as AgreementFields;

const FIELD_KEYS = Object.keys(EMPTY) as Array<keyof AgreementFields>;

function changesOf(input: AgreementFieldsInput): Partial<Record<keyof AgreementFields, unknown>> {
  return {
    actionId: input.actionId,
    authorityCode: input.authority,
    actorId: input.actorId,
    beneficiaryName: input.beneficiaryName === undefined ? undefined : (cleanText(input.beneficiaryName) ?? ''),
    beneficiarySiret: input.beneficiarySiret === undefined ? undefined : compactIdentifier(input.beneficiarySiret ?? '') || null,
    beneficiaryRna: input.beneficiaryRna,
    object: input.object === undefined ? undefined : (cleanText(input.object) ?? ''),
    amount: input.amount,
    nature: input.nature,
    paymentTerms: input.paymentTerms,
    paymentTermsNote: cleanText(input.paymentTermsNote),
    signedOn: input.signedOn,
    startOn: input.startOn,
    endOn: input.endOn,
    decisionReference: cleanText(input.decisionReference),
    status: input.status,
    raeId: input.raeId,
    euNotified: input.euNotified,
    subsidyShare: input.subsidyShare,
    aidScheme: cleanText(input.aidScheme),
    multiFunder: input.multiFunder,
  };
}

function instalmentValues(instalments: InstalmentInput[]): InstalmentValues[] {
  return instalments
    .map((i) => ({ dueOn: i.dueOn, amount: i.amount, paidOn: i.paidOn ?? null }))
    .sort((a, b) => (a.dueOn === b.dueOn ? a.amount - b.amount : a.dueOn < b.dueOn ? -1 : 1));
}

/**
 * The consistency rules of an agreement, each problem naming its field; the SCDL import applies them too, where a
 * beneficiary not yet linked to a registry actor is allowed (`actorRequired: false`).
 */
export function agreementProblems(values: AgreementFields, instalments: InstalmentValues[], { actorRequired = true } = {}): Problems {
  const problems = new Problems();
  problems.required('actionId', values.actionId);
  if (actorRequired) problems.required('actorId', values.actorId);
  problems.required('beneficiaryName', values.beneficiaryName);
  problems.required('object', values.object);
  problems.required('nature', values.nature);
  if (values.amount == null) problems.add('amount', 'is required');
  problems.amount('amount', values.amount);
  // SCDL: idBeneficiaire (SIRET), or rnaBeneficiaire alone for an association without SIRET.
  if (!values.beneficiarySiret) {
    if (!values.beneficiaryRna) {
      problems.add('beneficiarySiret', 'is required (SCDL idBeneficiaire), unless an association gives its RNA number');
    }
  } else {
    const problem = siretProblem(values.beneficiarySiret);
    if (problem) problems.add('beneficiarySiret', problem);
  }
  if (values.object && [...values.object].length > SCDL_MAX_TEXT) {
    problems.add('object', `must be at most ${SCDL_MAX_TEXT} characters (SCDL objet)`);
  }
  if (values.paymentTermsNote && [...values.paymentTermsNote].length > SCDL_MAX_TEXT) {
    problems.add('paymentTermsNote', `must be at most ${SCDL_MAX_TEXT} characters (SCDL conditionsVersement)`);
  }
  problems.date('signedOn', values.signedOn);
  problems.date('startOn', values.startOn);
  problems.date('endOn', values.endOn);
  problems.inOrder('startOn', values.startOn, 'endOn', values.endOn);
  const signed = values.status === AgreementStatus.SIGNED || values.status === AgreementStatus.CLOSED;
  if (signed && !values.signedOn) problems.add('signedOn', 'is required once the agreement is signed');
  // SCDL datesPeriodeVersement is required: a published agreement says when it pays, from its schedule or its period.
  if (signed && !instalments.length && !values.startOn) {
    problems.add('startOn', 'a signed agreement needs its payment date or period (SCDL datesPeriodeVersement): instalments or a start date');
  }
  if (values.paymentTerms === PaymentTerms.OTHER && !values.paymentTermsNote) problems.add('paymentTermsNote', 'describe the payment terms when they are OTHER');
  if (values.paymentTerms === PaymentTerms.SINGLE && instalments.length > 1) problems.add('instalments', 'a single payment has at most one instalment');
  instalments.forEach((instalment, i) => {
    problems.date(`instalments.${i}.dueOn`, instalment.dueOn);
    problems.date(`instalments.${i}.paidOn`, instalment.paidOn);
    problems.amount(`instalments.${i}.amount`, instalment.amount);
  });
  const scheduled = instalments.reduce((sum, i) => sum + Math.round(i.amount * 100), 0);
  if (values.amount != null && scheduled > Math.round(values.amount * 100)) problems.add('instalments', `add up to ${scheduled / 100} €, more than the amount (${values.amount} €)`);
  return problems;
}

/**
 * The beneficiary's SIRET against the linked actor's. This subgraph never reads the registry's tables and keeps no
 * projection of it: what it knows of an actor's SIRET is what its agreements recorded. A SIRET already recorded for
 * another actor is refused (a SIRET is one establishment, one registry actor); see docs/scdl.md for what is not checked.
 */
export async function siretOwner(manager: EntityManager, siret: string, exceptId: string | null): Promise<string | null> {
  const [row]: Array<{ actor_id: string }> = await manager.query(
    `SELECT actor_id::text FROM plans.agreement
     WHERE beneficiary_siret = $1 AND actor_id IS NOT NULL AND ($2::uuid IS NULL OR id <> $2) ORDER BY created_at DESC LIMIT 1`,
    [siret, exceptId],
  );
  return row?.actor_id ?? null;
}

async function assertSiretOfActor(manager: EntityManager, values: AgreementFields, id: string | null): Promise<void> {
  if (!values.beneficiarySiret || !values.actorId) return;
  const owner = await siretOwner(manager, values.beneficiarySiret, id);
  if (owner && owner !== values.actorId) {
    throw BadInputError.field('beneficiarySiret', `is the SIRET of another actor (${owner}) on earlier agreements: check the beneficiary`);
  }
}

export class AgreementService {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: AgreementFilter | null | undefined, page: PageArgs): Promise<Page<Agreement>> {
    const query = this.dataSource.getRepository(Agreement).createQueryBuilder('agreement');
    if (filter?.authorities?.length) query.andWhere('agreement.authority_code IN (:...authorities)', { authorities: filter.authorities });
    if (filter?.planId) query.andWhere('agreement.plan_id = :planId', { planId: filter.planId });
    if (filter?.actorId) query.andWhere('agreement.actor_id = :actorId', { actorId: filter.actorId });
    if (filter?.statuses?.length) query.andWhere('agreement.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter?.year != null) query.andWhere('agreement.signed_on >= make_date(:year, 1, 1) AND agreement.signed_on < make_date(:year + 1, 1, 1)', { year: filter.year });
    return paginate(query, page, {
      expression: 'agreement.created_at',
      value: (a) => a.createdAt.toISOString(),
      direction: 'DESC',
      id: 'agreement.id',
      idValue: (a) => a.id,
    });
  }

  async create(context: RequestContext, input: CreateAgreementInput, idempotencyKey?: string | null): Promise<Agreement> {
    const instalments = instalmentValues(input.instalments ?? []);
    const values = merged(EMPTY, changesOf(input));
    agreementProblems(values, instalments).throwIfAny();
    return this.dataSource.transaction(async (manager) => {
      const action = await referenced(manager, Action, values.actionId, 'actionId', 'an action');
      const authorities = await planAuthorities(manager, action.planId);
      if (!values.authorityCode) {
        if (authorities.length !== 1) throw BadInputError.field('authority', `the plan belongs to ${authorities.join(' and ')}: say which one grants the agreement`);
        values.authorityCode = authorities[0];
      }
      if (!authorities.includes(values.authorityCode)) throw BadInputError.field('authority', `is not an authority of the plan (${authorities.join(', ')})`);
      assertCanWrite(context, values.authorityCode);
      return idempotent(
        manager,
        { schema: SCHEMA, context, operation: 'createAgreement', key: idempotencyKey },
        async () => {
          await assertSiretOfActor(manager, values, null);
          const result = await manager.insert(Agreement, { ...values, planId: action.planId });
          const id = (result.identifiers[0] as { id: string }).id;
          await this.writeInstalments(manager, id, instalments);
          const agreement = await manager.findOneByOrFail(Agreement, { id });
          await recordAudit(manager, SCHEMA, context, [{ entity: 'Agreement', entityId: id, action: 'create', after: agreementValues(agreement, instalments) }]);
          return agreement;
        },
        (id) => manager.findOneBy(Agreement, { id }),
      );
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdateAgreementInput): Promise<Agreement> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Agreement, 'Agreement', id);
      assertCanWrite(context, before.authorityCode);
      assertVersion('Agreement', before, version);
      const instalmentsBefore = await this.instalmentsOf(manager, id);
      const instalments = input.instalments ? instalmentValues(input.instalments) : instalmentsBefore;
      const values = merged<AgreementFields>(before, changesOf(input));
      agreementProblems(values, instalments).throwIfAny();
      if (values.actionId !== before.actionId) {
        const action = await referenced(manager, Action, values.actionId, 'actionId', 'an action');
        if (action.planId !== before.planId) throw BadInputError.field('actionId', 'is an action of another plan');
      }
      if (values.authorityCode !== before.authorityCode) {
        const authorities = await planAuthorities(manager, before.planId);
        if (!authorities.includes(values.authorityCode)) throw BadInputError.field('authority', `is not an authority of the plan (${authorities.join(', ')})`);
        assertCanWrite(context, values.authorityCode);
      }
      const beneficiaryChanged = values.beneficiarySiret !== before.beneficiarySiret || values.actorId !== before.actorId;
      if (beneficiaryChanged) await assertSiretOfActor(manager, values, id);
      if (input.instalments) await this.writeInstalments(manager, id, instalments);
      const after = await writeVersioned(manager, Agreement, 'Agreement', id, version, Object.fromEntries(FIELD_KEYS.map((k) => [k, values[k]])));
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'Agreement', entityId: id, action: 'update', before: agreementValues(before, instalmentsBefore), after: agreementValues(after, instalments) },
      ]);
      return after;
    });
  }

  /** Deletes a draft; a signed agreement is cancelled instead (it may have been published). */
  async delete(context: RequestContext, id: string, version: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Agreement, 'Agreement', id);
      assertCanWrite(context, before.authorityCode);
      assertVersion('Agreement', before, version);
      if (before.status !== AgreementStatus.DRAFT) throw BadInputError.field('id', 'only a draft agreement can be deleted: set a signed one to CANCELLED');
      const instalments = await this.instalmentsOf(manager, id);
      await manager.query('DELETE FROM plans.agreement WHERE id = $1', [id]);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Agreement', entityId: id, action: 'delete', before: agreementValues(before, instalments) }]);
      return true;
    });
  }

  private async instalmentsOf(manager: EntityManager, id: string): Promise<InstalmentValues[]> {
    const rows: Array<{ due_on: string; amount: string; paid_on: string | null }> = await manager.query(
      'SELECT due_on::text, amount::text, paid_on::text FROM plans.instalment WHERE agreement_id = $1 ORDER BY due_on, amount',
      [id],
    );
    return rows.map((row) => ({ dueOn: row.due_on, amount: Number(row.amount), paidOn: row.paid_on }));
  }

  private async writeInstalments(manager: EntityManager, id: string, instalments: InstalmentValues[]): Promise<void> {
    await manager.query('DELETE FROM plans.instalment WHERE agreement_id = $1', [id]);
    if (instalments.length) await manager.insert(Instalment, instalments.map((i) => ({ agreementId: id, ...i })));
  }
}
