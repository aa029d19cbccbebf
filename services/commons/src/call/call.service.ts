// Calls: their rules and envelope, the challenges and criteria they carry, the jury, and the lifecycle whose every
// refused step says why; every mutation is one transaction with its audit record.
import { assertCanWrite, BadInputError, canWrite, isUuid, paginate, recordAudit } from '@ess/kit';
import type { Page, PageArgs, RequestContext, StaffDirectory } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { assertVersion, lockRow, writeVersioned } from '@ess/kit';
import { cleanText, merged, Problems, today } from '@ess/kit';
import { Call, CALL_LIFECYCLE, CallStatus, callValues, Challenge, Criterion, JuryMember } from './call.entity';
import type { CallFieldsInput, CallFilter, ChallengeInput, CreateCallInput, CriterionInput, JurorInput, UpdateCallInput } from './dto/call.input';

const SCHEMA = 'commons';

type CallFields = Pick<Call, 'title' | 'description' | 'minStructures' | 'acceptedLicences' | 'supportKinds' | 'budgetEnvelope' | 'opensOn' | 'closesOn' | 'decisionOn'>;

const EMPTY: CallFields = {
  title: '',
  description: null,
  minStructures: 3,
  acceptedLicences: [],
  supportKinds: [],
  budgetEnvelope: null,
  opensOn: null,
  closesOn: null,
  decisionOn: null,
};
const FIELD_KEYS = Object.keys(EMPTY) as Array<keyof CallFields>;

function changesOf(input: CallFieldsInput): Partial<Record<keyof CallFields, unknown>> {
  return {
    title: input.title === undefined ? undefined : (cleanText(input.title) ?? null),
    description: cleanText(input.description),
    minStructures: input.minStructures,
    acceptedLicences: input.acceptedLicences,
    supportKinds: input.supportKinds,
    budgetEnvelope: input.budgetEnvelope,
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    decisionOn: input.decisionOn,
  };
}

/** Statuses in which a field may still change, when not every status. */
const EDITABLE_UNTIL: Partial<Record<keyof CallFields | 'challenges' | 'criteria', CallStatus[]>> = {
  minStructures: [CallStatus.DRAFT, CallStatus.CO_CONSTRUCTION],
  acceptedLicences: [CallStatus.DRAFT, CallStatus.CO_CONSTRUCTION],
  supportKinds: [CallStatus.DRAFT, CallStatus.CO_CONSTRUCTION],
  opensOn: [CallStatus.DRAFT, CallStatus.CO_CONSTRUCTION],
  challenges: [CallStatus.DRAFT, CallStatus.CO_CONSTRUCTION],
  closesOn: [CallStatus.DRAFT, CallStatus.CO_CONSTRUCTION, CallStatus.OPEN],
  criteria: [CallStatus.DRAFT, CallStatus.CO_CONSTRUCTION, CallStatus.OPEN, CallStatus.CLOSED],
  budgetEnvelope: [CallStatus.DRAFT, CallStatus.CO_CONSTRUCTION, CallStatus.OPEN, CallStatus.CLOSED, CallStatus.UNDER_REVIEW],
};

export function callProblems(values: CallFields, input: CallFieldsInput): Problems {
  const problems = new Problems();
  problems.required('title', values.title);
  problems.date('opensOn', values.opensOn);
  problems.date('closesOn', values.closesOn);
  problems.date('decisionOn', values.decisionOn);
  problems.inOrder('opensOn', values.opensOn, 'closesOn', values.closesOn);
  problems.inOrder('closesOn', values.closesOn, 'decisionOn', values.decisionOn);
  problems.amount('budgetEnvelope', values.budgetEnvelope);
  if (new Set(values.acceptedLicences).size !== values.acceptedLicences.length) problems.add('acceptedLicences', 'lists a licence twice');
  if (new Set(values.supportKinds).size !== values.supportKinds.length) problems.add('supportKinds', 'lists a kind twice');
  input.challenges?.forEach((c, i) => problems.required(`challenges.${i}.title`, c.title));
  input.criteria?.forEach((c, i) => problems.required(`criteria.${i}.label`, c.label));
  return problems;
}

/** Why a call cannot move from its status to `target`, or null when it can (read in the caller's transaction). */
async function transitionProblem(manager: EntityManager, call: Call, target: CallStatus): Promise<string | null> {
  const from = CALL_LIFECYCLE.indexOf(call.status);
  const to = CALL_LIFECYCLE.indexOf(target);
  if (to !== from + 1) {
    const next = CALL_LIFECYCLE[from + 1];
    return next ? `a ${call.status} call can only move to ${next}, one step at a time` : `a call in ${call.status} has reached the end of its lifecycle`;
  }
  const [counts] = await manager.query(
    `SELECT (SELECT count(*)::int FROM commons.challenge WHERE call_id = $1) AS challenges,
            (SELECT count(*)::int FROM commons.criterion WHERE call_id = $1) AS criteria,
            (SELECT count(*)::int FROM commons.application WHERE call_id = $1 AND status = 'SUBMITTED') AS unscreened,
            (SELECT count(*)::int FROM commons.application a WHERE a.call_id = $1 AND a.status = 'UNDER_REVIEW') AS undecided,
            (SELECT count(*)::int FROM commons.jury_member WHERE call_id = $1) AS jurors`,
    [call.id],
  );
  switch (target) {
    case CallStatus.CO_CONSTRUCTION:
      return counts.challenges ? null : 'name at least one challenge before the co-construction starts';
    case CallStatus.OPEN: {
      const missing = [
        !call.opensOn && 'opensOn',
        !call.closesOn && 'closesOn',
        call.budgetEnvelope == null && 'budgetEnvelope',
        !call.acceptedLicences.length && 'acceptedLicences',
        !call.supportKinds.length && 'supportKinds',
        !counts.criteria && 'criteria',
      ].filter(Boolean);
      if (missing.length) return `a call opens with its rules complete: missing ${missing.join(', ')}`;
      if (today() < (call.opensOn as string)) return `the call opens on ${call.opensOn}, not before`;
      if (today() > (call.closesOn as string)) return `the call closed on ${call.closesOn}: move closesOn before opening it`;
      return null;
    }
    case CallStatus.CLOSED:
      return today() <= (call.closesOn as string) ? `applications may be submitted until ${call.closesOn}: close the call after that day (or move closesOn)` : null;
    case CallStatus.UNDER_REVIEW:
      if (counts.unscreened) return `${counts.unscreened} submitted application(s) are not yet declared eligible or ineligible`;
      return counts.jurors ? null : 'add at least one juror before the review starts';
    case CallStatus.DECIDED:
      return counts.undecided ? `${counts.undecided} application(s) under review have no decision yet` : null;
    default:
      return null;
  }
}

export class CallService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly staff: StaffDirectory,
  ) {}

  list(filter: CallFilter | null | undefined, page: PageArgs): Promise<Page<Call>> {
    const query = this.dataSource.getRepository(Call).createQueryBuilder('call');
    if (filter?.authorities?.length) query.andWhere('call.authority_code IN (:...authorities)', { authorities: filter.authorities });
    if (filter?.statuses?.length) query.andWhere('call.status IN (:...statuses)', { statuses: filter.statuses });
    return paginate(query, page, { expression: 'call.title', value: (c) => c.title, direction: 'ASC', id: 'call.id', idValue: (c) => c.id });
  }

  async create(context: RequestContext, input: CreateCallInput): Promise<Call> {
    assertCanWrite(context, input.authorityCode);
    const values = merged(EMPTY, changesOf(input));
    callProblems(values, input).throwIfAny();
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.insert(Call, { ...values, authorityCode: input.authorityCode, status: CallStatus.DRAFT });
      const id = (result.identifiers[0] as { id: string }).id;
      await this.writeChallenges(manager, id, input.challenges ?? []);
      await this.writeCriteria(manager, id, input.criteria ?? []);
      const call = await manager.findOneByOrFail(Call, { id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Call', entityId: id, action: 'create', after: callValues(call, ...(await this.listsOf(manager, id))) }]);
      return call;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdateCallInput): Promise<Call> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Call, 'Call', id);
      assertCanWrite(context, before.authorityCode);
      assertVersion('Call', before, version);
      const values = merged<CallFields>(before, changesOf(input));
      const problems = callProblems(values, input);
      for (const [field, statuses] of Object.entries(EDITABLE_UNTIL)) {
        if ((input as Record<string, unknown>)[field] !== undefined && !statuses.includes(before.status)) {
          problems.add(field, `cannot change once the call is ${before.status}`);
        }
      }
      if (before.status !== CallStatus.DRAFT && before.status !== CallStatus.CO_CONSTRUCTION) {
        // An open call keeps its rules complete (the table's CHECK says the same).
        if (values.budgetEnvelope == null) problems.add('budgetEnvelope', `is required once the call is ${before.status}`);
        if (values.closesOn == null) problems.add('closesOn', `is required once the call is ${before.status}`);
      }
      problems.throwIfAny();
      if (values.budgetEnvelope != null && input.budgetEnvelope !== undefined) {
        const [{ granted }] = await manager.query(`SELECT coalesce(sum(granted_amount), 0)::float AS granted FROM commons.decision WHERE call_id = $1`, [id]);
        if (values.budgetEnvelope < granted) throw BadInputError.field('budgetEnvelope', `cannot be below the ${granted} € already granted`);
      }
      const [challengesBefore, criteriaBefore] = await this.listsOf(manager, id);
      if (input.challenges) {
        const [{ needs }] = await manager.query('SELECT count(*)::int AS needs FROM commons.need WHERE call_id = $1', [id]);
        if (needs) throw BadInputError.field('challenges', `${needs} need(s) refer to the challenges: they cannot be replaced any more`);
        await this.writeChallenges(manager, id, input.challenges);
      }
      if (input.criteria) {
        const [{ reviews }] = await manager.query('SELECT count(*)::int AS reviews FROM commons.review r JOIN commons.application a ON a.id = r.application_id WHERE a.call_id = $1', [id]);
        if (reviews) throw BadInputError.field('criteria', 'reviews already score the criteria');
        await this.writeCriteria(manager, id, input.criteria);
      }
      const after = await writeVersioned(manager, Call, 'Call', id, version, Object.fromEntries(FIELD_KEYS.map((key) => [key, values[key]])));
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'Call', entityId: id, action: 'update', before: callValues(before, challengesBefore, criteriaBefore), after: callValues(after, ...(await this.listsOf(manager, id))) },
      ]);
      return after;
    });
  }

  /** Moves a call to the next status of its lifecycle, or says why it cannot (BAD_USER_INPUT on `status`). */
  async transition(context: RequestContext, id: string, version: number, status: CallStatus): Promise<Call> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Call, 'Call', id);
      assertCanWrite(context, before.authorityCode);
      assertVersion('Call', before, version);
      const problem = await transitionProblem(manager, before, status);
      if (problem) throw BadInputError.field('status', problem);
      // The review starts with the eligible applications.
      if (status === CallStatus.UNDER_REVIEW) {
        await manager.query(`UPDATE commons.application SET status = 'UNDER_REVIEW', version = version + 1, updated_at = now() WHERE call_id = $1 AND status = 'ELIGIBLE'`, [id]);
      }
      const after = await writeVersioned(manager, Call, 'Call', id, version, { status });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Call', entityId: id, action: 'update', before: { status: before.status, version: before.version }, after: { status, version: after.version } }]);
      return after;
    });
  }

  /**
   * Adds a juror to a call (before the decisions), with the structures they declare belonging to. The juror is an
   * active staff account, editor or admin of the call's authority (asked of the access subgraph, before any lock).
   */
  async addJuror(context: RequestContext, callId: string, version: number, input: JurorInput): Promise<JuryMember> {
    const userId = input.userId.trim();
    if (!isUuid(userId)) throw BadInputError.field('userId', 'must be the id of a staff account (a UUID)');
    const account = await this.staff.find(userId);
    return this.dataSource.transaction(async (manager) => {
      const call = await lockRow(manager, Call, 'Call', callId);
      assertCanWrite(context, call.authorityCode);
      assertVersion('Call', call, version);
      if (!account || !account.active) throw BadInputError.field('userId', 'is not an active staff account');
      const jurorIdentity = { kind: 'staff' as const, userId, role: account.role, authorities: account.authorities };
      if (!canWrite(jurorIdentity, call.authorityCode)) {
        throw BadInputError.field('userId', `must be an editor or admin of authority ${call.authorityCode}, the call's`);
      }
      if ([CallStatus.DECIDED, CallStatus.FOLLOW_UP].includes(call.status)) throw BadInputError.field('callId', `the jury of a ${call.status} call is closed`);
      const declared = input.declaredActorIds ?? [];
      if (new Set(declared).size !== declared.length) throw BadInputError.field('declaredActorIds', 'lists an actor twice');
      const sitting = 'SELECT EXISTS (SELECT 1 FROM commons.jury_member WHERE call_id = $1 AND user_id = $2) AS exists';
      const [{ exists }] = await manager.query(sitting, [callId, userId]);
      if (exists) throw BadInputError.field('userId', 'is already a juror of this call');
      const result = await manager.insert(JuryMember, { callId, userId, name: input.name.trim(), declaredActorIds: declared });
      const juror = await manager.findOneByOrFail(JuryMember, { id: (result.identifiers[0] as { id: string }).id });
      await writeVersioned(manager, Call, 'Call', callId, version, {});
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Call', entityId: callId, action: 'link', after: { juror: { id: juror.id, userId: juror.userId, name: juror.name, declaredActorIds: declared } } }]);
      return juror;
    });
  }

  private async listsOf(manager: EntityManager, id: string) {
    const [{ challenges, criteria }] = await manager.query(
      `SELECT coalesce((SELECT json_agg(json_build_object('title', title, 'description', description) ORDER BY position) FROM commons.challenge WHERE call_id = $1), '[]'::json) AS challenges,
              coalesce((SELECT json_agg(json_build_object('label', label, 'maxScore', max_score, 'weight', weight::float) ORDER BY position) FROM commons.criterion WHERE call_id = $1), '[]'::json) AS criteria`,
      [id],
    );
    return [challenges, criteria] as [Array<{ title: string; description: string | null }>, Array<{ label: string; maxScore: number; weight: number }>];
  }

  private async writeChallenges(manager: EntityManager, callId: string, challenges: ChallengeInput[]): Promise<void> {
    await manager.query('DELETE FROM commons.challenge WHERE call_id = $1', [callId]);
    if (challenges.length) {
      await manager.insert(Challenge, challenges.map((c, i) => ({ callId, position: i + 1, title: c.title.trim(), description: cleanText(c.description) ?? null })));
    }
  }

  private async writeCriteria(manager: EntityManager, callId: string, criteria: CriterionInput[]): Promise<void> {
    await manager.query('DELETE FROM commons.criterion WHERE call_id = $1', [callId]);
    if (criteria.length) {
      await manager.insert(Criterion, criteria.map((c, i) => ({ callId, position: i + 1, label: c.label.trim(), maxScore: c.maxScore, weight: c.weight ?? 1 })));
    }
  }
}

