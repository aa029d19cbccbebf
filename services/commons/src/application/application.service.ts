// Applications: the group rules (minimum size, distinct members), licence and support within the call's rules, the
// open period for submissions, eligibility, jurors' reviews (no conflict of interest) and decisions within the
// envelope (under the call's row lock, so concurrent decisions cannot together exceed it).
import { BadInputError, canWrite, ForbiddenError, isUuid, paginate, recordAudit, assertCanWrite, type Page, type PageArgs, type RequestContext } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Call, CallStatus, JuryMember, SupportKind } from '../call/call.entity';
import { assertVersion, findOrFail, lockRow, referenced, writeVersioned } from '@ess/kit';
import { cleanText, merged, Problems, today } from '@ess/kit';
import { URL_RULE } from '../shared/validation';
import { Application, ApplicationMember, ApplicationMemberRole, ApplicationNeed, ApplicationStatus, applicationValues, Decision, Review, ReviewScore } from './application.entity';
import type { ApplicationFieldsInput, ApplicationFilter, CreateApplicationInput, DecisionInput, DocumentInput, ReviewInput, UpdateApplicationInput } from './dto/application.input';

const SCHEMA = 'commons';

type ApplicationFields = Pick<
  Application,
  'leadActorId' | 'title' | 'description' | 'proposedCommon' | 'licence' | 'requestedAmount' | 'requestedSkills' | 'requestedPremises' | 'requestedEquipment' | 'documents'
>;
const FIELD_KEYS: Array<keyof ApplicationFields> = ['leadActorId', 'title', 'description', 'proposedCommon', 'licence', 'requestedAmount', 'requestedSkills', 'requestedPremises', 'requestedEquipment', 'documents'];

function documentsOf(documents: DocumentInput[] | undefined) {
  return documents?.map((d) => ({ title: d.title.trim(), url: d.url.trim() }));
}

function changesOf(input: ApplicationFieldsInput): Partial<Record<keyof ApplicationFields, unknown>> {
  return {
    leadActorId: input.leadActorId,
    title: input.title === undefined ? undefined : (cleanText(input.title) ?? null),
    description: cleanText(input.description),
    proposedCommon: input.proposedCommon === undefined ? undefined : (cleanText(input.proposedCommon) ?? null),
    licence: input.licence,
    requestedAmount: input.requestedAmount,
    requestedSkills: cleanText(input.requestedSkills),
    requestedPremises: cleanText(input.requestedPremises),
    requestedEquipment: cleanText(input.requestedEquipment),
    documents: documentsOf(input.documents),
  };
}

/** Kinds of support an application asks for (a kind is asked when its field has a value). */
function requestedKinds(values: Pick<ApplicationFields, 'requestedAmount' | 'requestedSkills' | 'requestedPremises' | 'requestedEquipment'>) {
  return [
    ['requestedAmount', SupportKind.MONEY, values.requestedAmount != null && values.requestedAmount > 0],
    ['requestedSkills', SupportKind.SKILLS, values.requestedSkills != null],
    ['requestedPremises', SupportKind.PREMISES, values.requestedPremises != null],
    ['requestedEquipment', SupportKind.EQUIPMENT, values.requestedEquipment != null],
  ] as const;
}

/** The rules an application meets against its call: group, licence, support, documents (needs are checked in SQL). */
export function applicationProblems(call: Call, values: ApplicationFields, partners: string[]): Problems {
  const problems = new Problems();
  problems.required('title', values.title);
  problems.required('proposedCommon', values.proposedCommon);
  problems.amount('requestedAmount', values.requestedAmount);
  if (partners.includes(values.leadActorId)) problems.add('partnerIds', 'must not list the lead structure, which is already in the group');
  else if (new Set(partners).size !== partners.length) problems.add('partnerIds', 'lists a structure twice: the members of a group are distinct');
  else if (partners.length + 1 < call.minStructures) {
    problems.add('partnerIds', `an application to this call gathers at least ${call.minStructures} distinct structures, lead included; this one has ${partners.length + 1}`);
  }
  if (!call.acceptedLicences.includes(values.licence)) problems.add('licence', `must be one of the call's licences: ${call.acceptedLicences.join(', ') || '(none yet)'}`);
  for (const [field, kind, asked] of requestedKinds(values)) {
    if (asked && !call.supportKinds.includes(kind)) problems.add(field, `the call offers no ${kind} support`);
  }
  values.documents.forEach((d, i) => {
    if (!URL_RULE.test(d.url)) problems.add(`documents.${i}.url`, 'must be an http(s) link');
  });
  return problems;
}

export class ApplicationService {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: ApplicationFilter | null | undefined, page: PageArgs): Promise<Page<Application>> {
    const query = this.dataSource.getRepository(Application).createQueryBuilder('application');
    if (filter?.callId) query.andWhere('application.call_id = :callId', { callId: filter.callId });
    if (filter?.statuses) query.andWhere('application.status = ANY(:statuses)', { statuses: filter.statuses });
    if (filter?.actorId) {
      query.andWhere('EXISTS (SELECT 1 FROM commons.application_member m WHERE m.application_id = application.id AND m.actor_id = :actorId)', { actorId: filter.actorId });
    }
    return paginate(query, page, { expression: 'application.title', value: (a) => a.title, direction: 'ASC', id: 'application.id', idValue: (a) => a.id });
  }

  async create(context: RequestContext, input: CreateApplicationInput): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const found = await referenced(manager, Call, input.callId, 'callId', 'a call');
      assertCanWrite(context, found.authorityCode);
      // Shares the call's lock with its transitions: no draft slips in while the call closes.
      const call = await lockRow(manager, Call, 'Call', found.id);
      if (call.status !== CallStatus.CO_CONSTRUCTION && call.status !== CallStatus.OPEN) {
        throw BadInputError.field('callId', `applications are prepared while the call is in co-construction or open; this call is ${call.status}`);
      }
      const values = merged<ApplicationFields>(
        { leadActorId: '', title: '', description: null, proposedCommon: '', licence: '', requestedAmount: null, requestedSkills: null, requestedPremises: null, requestedEquipment: null, documents: [] },
        changesOf(input),
      );
      const partners = input.partnerIds ?? [];
      const needIds = input.needIds ?? [];
      const problems = applicationProblems(call, values, partners);
      await this.checkNeeds(manager, call.id, needIds, problems);
      problems.throwIfAny();
      const result = await manager.insert(Application, { ...values, callId: call.id, status: ApplicationStatus.DRAFT });
      const id = (result.identifiers[0] as { id: string }).id;
      await this.writeMembers(manager, id, values.leadActorId, partners);
      await this.writeNeeds(manager, id, call.id, needIds);
      const application = await manager.findOneByOrFail(Application, { id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Application', entityId: id, action: 'create', after: applicationValues(application, [values.leadActorId, ...partners], needIds) }]);
      return application;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdateApplicationInput): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const { before, call } = await this.locked(manager, context, id, version);
      if (before.status !== ApplicationStatus.DRAFT) throw BadInputError.field('id', `only a draft application can be edited; this one is ${before.status}`);
      const links = await this.linksOf(manager, id);
      const values = merged<ApplicationFields>(before, changesOf(input));
      const partners = input.partnerIds ?? links.members.slice(1);
      const needIds = input.needIds ?? links.needIds;
      const problems = applicationProblems(call, values, partners);
      if (input.needIds) await this.checkNeeds(manager, call.id, needIds, problems);
      problems.throwIfAny();
      if (input.partnerIds || input.leadActorId) await this.writeMembers(manager, id, values.leadActorId, partners);
      if (input.needIds) await this.writeNeeds(manager, id, call.id, needIds);
      const after = await writeVersioned(manager, Application, 'Application', id, version, Object.fromEntries(FIELD_KEYS.map((k) => [k, values[k]])));
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'Application', entityId: id, action: 'update', before: applicationValues(before, links.members, links.needIds), after: applicationValues(after, [values.leadActorId, ...partners], needIds) },
      ]);
      return after;
    });
  }

  /** Submits a draft: only while the call is open and within its period, with the group and licence rules met. */
  async submit(context: RequestContext, id: string, version: number): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const { before, call } = await this.locked(manager, context, id, version);
      if (before.status !== ApplicationStatus.DRAFT) throw BadInputError.field('id', `only a draft can be submitted; this application is ${before.status}`);
      const day = today();
      if (call.status !== CallStatus.OPEN) throw BadInputError.field('id', `the call is ${call.status}: applications are submitted only while it is OPEN`);
      if (day < (call.opensOn as string) || day > (call.closesOn as string)) {
        throw BadInputError.field('id', `applications are submitted from ${call.opensOn} to ${call.closesOn}; today is ${day}`);
      }
      const links = await this.linksOf(manager, id);
      const problems = applicationProblems(call, before, links.members.slice(1));
      if (!links.needIds.length) problems.add('needIds', 'a submitted application answers at least one need of the call');
      problems.throwIfAny();
      return this.setStatus(manager, context, before, version, { status: ApplicationStatus.SUBMITTED, submittedAt: new Date() });
    });
  }

  async withdraw(context: RequestContext, id: string, version: number): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const { before } = await this.locked(manager, context, id, version);
      const withdrawable = [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.ELIGIBLE];
      if (!withdrawable.includes(before.status)) throw BadInputError.field('id', `an application ${before.status} can no longer be withdrawn`);
      return this.setStatus(manager, context, before, version, { status: ApplicationStatus.WITHDRAWN });
    });
  }

  /** Declares a submitted application eligible, or ineligible with a reason (while the call is open or closed). */
  async screen(context: RequestContext, id: string, version: number, eligible: boolean, reason: string | null | undefined): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const { before, call } = await this.locked(manager, context, id, version);
      if (before.status !== ApplicationStatus.SUBMITTED) throw BadInputError.field('id', `only a submitted application is screened; this one is ${before.status}`);
      if (call.status !== CallStatus.OPEN && call.status !== CallStatus.CLOSED) throw BadInputError.field('id', `eligibility is checked before the review; the call is ${call.status}`);
      const why = cleanText(reason) ?? null;
      if (!eligible && !why) throw BadInputError.field('reason', 'an ineligible application is told why');
      if (eligible && why) throw BadInputError.field('reason', 'only an ineligible application has a reason');
      return this.setStatus(manager, context, before, version, eligible ? { status: ApplicationStatus.ELIGIBLE } : { status: ApplicationStatus.INELIGIBLE, ineligibilityReason: why });
    });
  }

  /** The caller, a juror of the call, reviews an application under review (never one of a structure they belong to). */
  async review(context: RequestContext, applicationId: string, input: ReviewInput): Promise<Review> {
    return this.dataSource.transaction(async (manager) => {
      const application = await findOrFail(manager, Application, 'Application', applicationId);
      const call = await findOrFail(manager, Call, 'Call', application.callId);
      const juror = await this.jurorOf(manager, context, call);
      if (call.status !== CallStatus.UNDER_REVIEW || application.status !== ApplicationStatus.UNDER_REVIEW) {
        throw BadInputError.field('applicationId', `reviews are written while the call and the application are UNDER_REVIEW (call ${call.status}, application ${application.status})`);
      }
      await this.assertNoConflict(manager, juror, application.id);
      const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM commons.review WHERE application_id = $1 AND jury_member_id = $2) AS exists', [application.id, juror.id]);
      if (exists) throw BadInputError.field('applicationId', 'you already reviewed this application: edit your review');
      await this.checkScores(manager, call.id, input);
      const result = await manager.insert(Review, { applicationId: application.id, juryMemberId: juror.id, comment: cleanText(input.comment) ?? null });
      const id = (result.identifiers[0] as { id: string }).id;
      await manager.insert(ReviewScore, input.scores.map((s) => ({ reviewId: id, criterionId: s.criterionId, score: s.score })));
      const review = await manager.findOneByOrFail(Review, { id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Review', entityId: id, action: 'create', after: { applicationId, juror: juror.userId, scores: input.scores, comment: review.comment } }]);
      return review;
    });
  }

  async updateReview(context: RequestContext, id: string, version: number, input: ReviewInput): Promise<Review> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Review, 'Review', id);
      const application = await findOrFail(manager, Application, 'Application', before.applicationId);
      const call = await findOrFail(manager, Call, 'Call', application.callId);
      const juror = await this.jurorOf(manager, context, call);
      if (juror.id !== before.juryMemberId) throw new ForbiddenError('Only its juror edits a review');
      assertVersion('Review', before, version);
      if (call.status !== CallStatus.UNDER_REVIEW) throw BadInputError.field('id', `reviews are edited while the call is UNDER_REVIEW; it is ${call.status}`);
      await this.assertNoConflict(manager, juror, application.id);
      await this.checkScores(manager, call.id, input);
      const scoresBefore = await manager.query('SELECT criterion_id::text AS "criterionId", score FROM commons.review_score WHERE review_id = $1 ORDER BY criterion_id', [id]);
      await manager.query('DELETE FROM commons.review_score WHERE review_id = $1', [id]);
      await manager.insert(ReviewScore, input.scores.map((s) => ({ reviewId: id, criterionId: s.criterionId, score: s.score })));
      const after = await writeVersioned(manager, Review, 'Review', id, version, { comment: cleanText(input.comment) ?? null });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Review', entityId: id, action: 'update', before: { scores: scoresBefore, comment: before.comment }, after: { scores: input.scores, comment: after.comment } }]);
      return after;
    });
  }

  /**
   * Decides on an application under review. The call's row is locked first, so decisions of one call run one after
   * the other and each sees the money the others granted: the total never exceeds the envelope.
   */
  async decide(context: RequestContext, applicationId: string, version: number, input: DecisionInput): Promise<Decision> {
    return this.dataSource.transaction(async (manager) => {
      const peek = await findOrFail(manager, Application, 'Application', applicationId);
      const call = await lockRow(manager, Call, 'Call', peek.callId);
      assertCanWrite(context, call.authorityCode);
      const before = await lockRow(manager, Application, 'Application', applicationId);
      assertVersion('Application', before, version);
      if (call.status !== CallStatus.UNDER_REVIEW) throw BadInputError.field('applicationId', `decisions come after the review starts; the call is ${call.status}`);
      if (before.status !== ApplicationStatus.UNDER_REVIEW) throw BadInputError.field('applicationId', `only an application under review is decided; this one is ${before.status}`);
      const granted = {
        grantedAmount: input.grantedAmount ?? 0,
        grantedSkills: cleanText(input.grantedSkills) ?? null,
        grantedPremises: cleanText(input.grantedPremises) ?? null,
        grantedEquipment: cleanText(input.grantedEquipment) ?? null,
      };
      const problems = new Problems();
      problems.required('reasons', cleanText(input.reasons));
      problems.amount('grantedAmount', granted.grantedAmount);
      problems.date('decidedOn', input.decidedOn);
      const kinds = [
        ['grantedAmount', SupportKind.MONEY, granted.grantedAmount > 0],
        ['grantedSkills', SupportKind.SKILLS, granted.grantedSkills != null],
        ['grantedPremises', SupportKind.PREMISES, granted.grantedPremises != null],
        ['grantedEquipment', SupportKind.EQUIPMENT, granted.grantedEquipment != null],
      ] as const;
      for (const [field, kind, given] of kinds) {
        if (given && !input.accepted) problems.add(field, 'a rejected application is granted nothing');
        else if (given && !call.supportKinds.includes(kind)) problems.add(field, `the call offers no ${kind} support`);
      }
      problems.throwIfAny();
      if (granted.grantedAmount > 0) {
        const [{ total }] = await manager.query('SELECT coalesce(sum(granted_amount), 0)::numeric::text AS total FROM commons.decision WHERE call_id = $1', [call.id]);
        const envelope = call.budgetEnvelope ?? 0;
        // Cents as integers: no floating-point drift in the comparison.
        const left = Math.round(envelope * 100) - Math.round(Number(total) * 100);
        if (Math.round(granted.grantedAmount * 100) > left) {
          throw BadInputError.field('grantedAmount', `exceeds the call's envelope: ${Number(total)} € of ${envelope} € already granted, ${left / 100} € left`);
        }
      }
      const result = await manager.insert(Decision, { applicationId, callId: call.id, accepted: input.accepted, reasons: input.reasons.trim(), ...granted, decidedOn: input.decidedOn ?? today() });
      const decision = await manager.findOneByOrFail(Decision, { id: (result.identifiers[0] as { id: string }).id });
      await this.setStatus(manager, context, before, version, { status: input.accepted ? ApplicationStatus.ACCEPTED : ApplicationStatus.REJECTED });
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'Decision', entityId: decision.id, action: 'create', after: { applicationId, accepted: decision.accepted, reasons: decision.reasons, ...granted, decidedOn: decision.decidedOn } },
      ]);
      return decision;
    });
  }

  private async locked(manager: EntityManager, context: RequestContext, id: string, version: number): Promise<{ before: Application; call: Call }> {
    const peek = await findOrFail(manager, Application, 'Application', id);
    // The call first (as its transitions do), then the application: one lock order, no deadlock.
    const call = await lockRow(manager, Call, 'Call', peek.callId);
    assertCanWrite(context, call.authorityCode);
    const before = await lockRow(manager, Application, 'Application', id);
    assertVersion('Application', before, version);
    return { before, call };
  }

  private async setStatus(manager: EntityManager, context: RequestContext, before: Application, version: number, values: Partial<Application>): Promise<Application> {
    const after = await writeVersioned(manager, Application, 'Application', before.id, version, values);
    await recordAudit(manager, SCHEMA, context, [
      {
        entity: 'Application',
        entityId: before.id,
        action: 'update',
        before: { status: before.status, ineligibilityReason: before.ineligibilityReason, version: before.version },
        after: { status: after.status, ineligibilityReason: after.ineligibilityReason, version: after.version },
      },
    ]);
    return after;
  }

  /**
   * The caller's jury membership of the call: editors and admins of the call's authority who sit on its jury, checked
   * again at each review (a juror since made a viewer, or moved to another authority, no longer reviews).
   */
  private async jurorOf(manager: EntityManager, context: RequestContext, call: Call): Promise<JuryMember> {
    const identity = context.identity;
    if (identity.kind !== 'staff' || !canWrite(identity, call.authorityCode)) {
      throw new ForbiddenError('Reviews are written by jurors, editors or admins of the call’s authority');
    }
    const juror = await manager.findOneBy(JuryMember, { callId: call.id, userId: identity.userId });
    if (!juror) throw new ForbiddenError('You are not a juror of this call');
    return juror;
  }

  private async assertNoConflict(manager: EntityManager, juror: JuryMember, applicationId: string): Promise<void> {
    if (!juror.declaredActorIds.length) return;
    const rows: Array<{ actor_id: string }> = await manager.query('SELECT actor_id::text FROM commons.application_member WHERE application_id = $1 AND actor_id = ANY($2::uuid[])', [
      applicationId,
      juror.declaredActorIds,
    ]);
    if (rows.length) throw new ForbiddenError(`Conflict of interest: the juror belongs to a structure of this group (${rows.map((r) => r.actor_id).join(', ')})`);
  }

  /** A score for every criterion of the call, each once, from 0 to its maximum. */
  private async checkScores(manager: EntityManager, callId: string, input: ReviewInput): Promise<void> {
    const criteria: Array<{ id: string; max_score: number }> = await manager.query('SELECT id::text, max_score FROM commons.criterion WHERE call_id = $1 ORDER BY position', [callId]);
    const problems = new Problems();
    const byId = new Map(criteria.map((c) => [c.id, c]));
    const seen = new Set<string>();
    input.scores.forEach((s, i) => {
      const criterion = byId.get(s.criterionId);
      if (!criterion) problems.add(`scores.${i}.criterionId`, 'is not a criterion of this call');
      else if (seen.has(s.criterionId)) problems.add(`scores.${i}.criterionId`, 'is scored twice');
      else if (s.score > criterion.max_score) problems.add(`scores.${i}.score`, `must be from 0 to ${criterion.max_score}`);
      seen.add(s.criterionId);
    });
    const missing = criteria.filter((c) => !seen.has(c.id));
    if (missing.length) problems.add('scores', `every criterion of the call is scored: ${missing.length} missing`);
    problems.throwIfAny();
  }

  private async checkNeeds(manager: EntityManager, callId: string, needIds: string[], problems: Problems): Promise<void> {
    if (!needIds.length) return;
    if (new Set(needIds).size !== needIds.length) {
      problems.add('needIds', 'lists a need twice');
      return;
    }
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM commons.need WHERE call_id = $1 AND id = ANY($2::uuid[])', [callId, needIds.filter(isUuid)]);
    if (count !== needIds.length) problems.add('needIds', 'are not all needs of this call');
  }

  private async linksOf(manager: EntityManager, id: string): Promise<{ members: string[]; needIds: string[] }> {
    const [{ members, needs }] = await manager.query(
      `SELECT ARRAY(SELECT actor_id::text FROM commons.application_member WHERE application_id = $1 ORDER BY position) AS members,
              ARRAY(SELECT need_id::text FROM commons.application_need WHERE application_id = $1 ORDER BY need_id) AS needs`,
      [id],
    );
    return { members, needIds: needs };
  }

  private async writeMembers(manager: EntityManager, id: string, lead: string, partners: string[]): Promise<void> {
    await manager.query('DELETE FROM commons.application_member WHERE application_id = $1', [id]);
    await manager.insert(ApplicationMember, [
      { applicationId: id, actorId: lead, role: ApplicationMemberRole.LEAD, position: 1 },
      ...partners.map((actorId, i) => ({ applicationId: id, actorId, role: ApplicationMemberRole.PARTNER, position: i + 2 })),
    ]);
  }

  private async writeNeeds(manager: EntityManager, id: string, callId: string, needIds: string[]): Promise<void> {
    await manager.query('DELETE FROM commons.application_need WHERE application_id = $1', [id]);
    if (needIds.length) await manager.insert(ApplicationNeed, needIds.map((needId) => ({ applicationId: id, needId, callId })));
  }
}
