// Actions: the list, the rules of their fields (dates, progress, sub-actions in the same plan), partners and milestones,
// and the moves that renumber an axis in one statement; every mutation is one transaction with its audit record.
import { BadInputError, isUuid, paginate, recordAudit, assertCanWrite, idempotent, type Page, type PageArgs, type RequestContext } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { planAuthorities } from '../common/access';
import { assertVersion, findOrFail, lockRow, referenced, writeVersioned } from '@ess/kit';
import { cleanText, merged, Problems } from '@ess/kit';
import { Axis } from '../axis/axis.entity';
import { Plan } from '../plan/plan.entity';
import { Action, ActionPartner, ActionStatus, actionValues, Milestone, type MilestoneValues } from './action.entity';
import { searchCondition } from '../common/search';
import type { ActionFieldsInput, ActionFilter, CreateActionInput, MilestoneInput, UpdateActionInput } from './dto/action.input';

const SCHEMA = 'plans';
/** Positions of actions are below this bound in an axis (the plan-wide order is axis position × bound + position). */
export const MAX_ACTIONS_PER_AXIS = 9_999;

type ActionFields = Pick<
  Action,
  'parentId' | 'title' | 'description' | 'leadService' | 'status' | 'progress' | 'startOn' | 'endOn' | 'plannedBudget' | 'committedBudget' | 'callId' | 'spaserPlanId' | 'networkId'
>;

const EMPTY: ActionFields = {
  parentId: null,
  title: '',
  description: null,
  leadService: null,
  status: ActionStatus.PLANNED,
  progress: 0,
  startOn: null,
  endOn: null,
  plannedBudget: null,
  committedBudget: null,
  callId: null,
  spaserPlanId: null,
  networkId: null,
};

const FIELD_KEYS = Object.keys(EMPTY) as Array<keyof ActionFields>;

/** Only the editable fields of a record, for the UPDATE. */
function fieldsOf(values: ActionFields): Record<string, unknown> {
  return Object.fromEntries(FIELD_KEYS.map((key) => [key, values[key]]));
}

function changesOf(input: ActionFieldsInput): Partial<Record<keyof ActionFields, unknown>> {
  return {
    parentId: input.parentId,
    title: input.title === undefined ? undefined : (cleanText(input.title) ?? null),
    description: cleanText(input.description),
    leadService: cleanText(input.leadService),
    status: input.status,
    progress: input.progress,
    startOn: input.startOn,
    endOn: input.endOn,
    plannedBudget: input.plannedBudget,
    committedBudget: input.committedBudget,
    callId: input.callId,
    spaserPlanId: input.spaserPlanId,
    networkId: input.networkId,
  };
}

/**
 * An action leaving "done" without a new progress goes back to the progress it had when it was marked done (its
 * history says), not to 100 % (issue 16); without such a change in its history it keeps its progress.
 */
async function progressBeforeDone(manager: EntityManager, id: string, current: number): Promise<number> {
  const [row]: Array<{ progress: number | null }> = await manager.query(
    `SELECT (before->>'progress')::int AS progress FROM ${SCHEMA}.audit_log
     WHERE entity = 'Action' AND entity_id = $1 AND after->>'status' = 'DONE' AND before->>'status' <> 'DONE'
     ORDER BY at DESC, id DESC LIMIT 1`,
    [id],
  );
  return row?.progress ?? current;
}

/** The consistency rules of an action's own fields, each problem naming its field. */
export function actionProblems(values: ActionFields, milestones: MilestoneInput[] | undefined, partnerIds: string[] | undefined): Problems {
  const problems = new Problems();
  problems.required('title', values.title);
  problems.required('status', values.status);
  if (values.progress == null || !Number.isInteger(values.progress) || values.progress < 0 || values.progress > 100) problems.add('progress', 'must be a whole number from 0 to 100');
  if (values.status === ActionStatus.DONE && values.progress !== 100) problems.add('progress', 'must be 100 for a done action');
  problems.date('startOn', values.startOn);
  problems.date('endOn', values.endOn);
  problems.inOrder('startOn', values.startOn, 'endOn', values.endOn);
  problems.amount('plannedBudget', values.plannedBudget);
  problems.amount('committedBudget', values.committedBudget);
  milestones?.forEach((milestone, i) => {
    problems.required(`milestones.${i}.title`, milestone.title);
    problems.date(`milestones.${i}.dueOn`, milestone.dueOn);
    problems.date(`milestones.${i}.doneOn`, milestone.doneOn);
    if (milestone.doneOn && !milestone.done) problems.add(`milestones.${i}.doneOn`, 'only a done milestone has a date of completion');
  });
  if (partnerIds && new Set(partnerIds).size !== partnerIds.length) problems.add('partnerIds', 'lists an actor twice');
  return problems;
}

function milestoneValues(milestones: MilestoneInput[]): MilestoneValues[] {
  return milestones
    .map((m) => ({ title: m.title.trim(), dueOn: m.dueOn, done: m.done ?? false, doneOn: m.done ? (m.doneOn ?? null) : null }))
    .sort((a, b) => (a.dueOn === b.dueOn ? (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) : a.dueOn < b.dueOn ? -1 : 1));
}

export class ActionService {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: ActionFilter | null | undefined, page: PageArgs): Promise<Page<Action>> {
    const query = this.dataSource.getRepository(Action).createQueryBuilder('action');
    if (filter?.planId) query.andWhere('action.plan_id = :planId', { planId: filter.planId });
    if (filter?.axisId) query.andWhere('action.axis_id = :axisId', { axisId: filter.axisId });
    if (filter?.authorities?.length) {
      query.andWhere('EXISTS (SELECT 1 FROM plans.plan_authority pa WHERE pa.plan_id = action.plan_id AND pa.authority_code IN (:...authorities))', { authorities: filter.authorities });
    }
    if (filter?.statuses?.length) query.andWhere('action.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter?.topLevelOnly) query.andWhere('action.parent_id IS NULL');
    if (filter?.callId) query.andWhere('action.call_id = :callId', { callId: filter.callId });
    if (filter?.spaserPlanId) query.andWhere('action.spaser_plan_id = :spaserPlanId', { spaserPlanId: filter.spaserPlanId });
    if (filter?.networkId) query.andWhere('action.network_id = :networkId', { networkId: filter.networkId });
    const search = searchCondition('action', filter?.search);
    if (search) query.andWhere(...search);
    return paginate(query, page, { expression: 'action.title', value: (a) => a.title, direction: 'ASC', id: 'action.id', idValue: (a) => a.id });
  }

  async create(context: RequestContext, input: CreateActionInput, idempotencyKey?: string | null): Promise<Action> {
    const values = merged(EMPTY, changesOf(input));
    actionProblems(values, input.milestones, input.partnerIds).throwIfAny();
    return this.dataSource.transaction(async (manager) => {
      const axis = await referenced(manager, Axis, input.axisId, 'axisId', 'an axis');
      // The plan's row serializes every change to the order of its axes and actions.
      await lockRow(manager, Plan, 'Plan', axis.planId);
      assertCanWrite(context, await planAuthorities(manager, axis.planId));
      return idempotent(
        manager,
        { schema: SCHEMA, context, operation: 'createAction', key: idempotencyKey },
        async () => {
          await this.checkParent(manager, null, axis.planId, values.parentId);
          const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM plans.action WHERE axis_id = $1', [axis.id]);
          if (count >= MAX_ACTIONS_PER_AXIS) throw BadInputError.field('axisId', `an axis has at most ${MAX_ACTIONS_PER_AXIS} actions`);
          const position = input.position ?? count + 1;
          if (position > count + 1) throw BadInputError.field('position', `must be between 1 and ${count + 1}`);
          await manager.query('UPDATE plans.action SET position = position + 1 WHERE axis_id = $1 AND position >= $2', [axis.id, position]);
          const result = await manager.insert(Action, { ...fieldsOf(values), planId: axis.planId, axisId: axis.id, position });
          const id = (result.identifiers[0] as { id: string }).id;
          const partners = input.partnerIds ?? [];
          const milestones = milestoneValues(input.milestones ?? []);
          await this.writePartners(manager, id, partners);
          await this.writeMilestones(manager, id, milestones);
          const action = await manager.findOneByOrFail(Action, { id });
          await recordAudit(manager, SCHEMA, context, [{ entity: 'Action', entityId: id, action: 'create', after: actionValues(action, partners, milestones) }]);
          return action;
        },
        (id) => manager.findOneBy(Action, { id }),
      );
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdateActionInput): Promise<Action> {
    return this.dataSource.transaction(async (manager) => {
      const peek = await findOrFail(manager, Action, 'Action', id);
      await lockRow(manager, Plan, 'Plan', peek.planId);
      const before = await lockRow(manager, Action, 'Action', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Action', before, version);
      const values = merged<ActionFields>(before, changesOf(input));
      if (before.status === ActionStatus.DONE && values.status !== ActionStatus.DONE && input.progress === undefined) {
        values.progress = await progressBeforeDone(manager, id, before.progress);
      }
      actionProblems(values, input.milestones, input.partnerIds).throwIfAny();
      if (values.parentId !== before.parentId) await this.checkParent(manager, id, before.planId, values.parentId);
      const { partners: partnersBefore, milestones: milestonesBefore } = await this.linksOf(manager, id);
      const partners = input.partnerIds ?? partnersBefore;
      const milestones = input.milestones ? milestoneValues(input.milestones) : milestonesBefore;
      if (input.partnerIds) await this.writePartners(manager, id, partners);
      if (input.milestones) await this.writeMilestones(manager, id, milestones);
      const after = await writeVersioned(manager, Action, 'Action', id, version, fieldsOf(values));
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'Action', entityId: id, action: 'update', before: actionValues(before, partnersBefore, milestonesBefore), after: actionValues(after, partners, milestones) },
      ]);
      return after;
    });
  }

  /**
   * Moves an action to a position (1 = first) in its axis or in another axis of the same plan; the actions between
   * shift by one, in one UPDATE (positions are checked at the end of the statement).
   */
  async move(context: RequestContext, id: string, version: number, position: number, axisId: string | null | undefined): Promise<Action> {
    return this.dataSource.transaction(async (manager) => {
      const peek = await findOrFail(manager, Action, 'Action', id);
      await lockRow(manager, Plan, 'Plan', peek.planId);
      const before = await lockRow(manager, Action, 'Action', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Action', before, version);
      const targetAxis = axisId ?? before.axisId;
      if (targetAxis !== before.axisId) {
        const axis = isUuid(targetAxis) ? await manager.findOneBy(Axis, { id: targetAxis }) : null;
        if (!axis || axis.planId !== before.planId) throw BadInputError.field('axisId', 'is not an axis of the action’s plan');
      }
      const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM plans.action WHERE axis_id = $1', [targetAxis]);
      const last = targetAxis === before.axisId ? count : count + 1;
      if (!Number.isInteger(position) || position < 1 || position > last) throw BadInputError.field('position', `must be between 1 and ${last}`);
      if (targetAxis === before.axisId && position === before.position) return before;
      if (targetAxis === before.axisId) {
        await manager.query(
          `UPDATE plans.action SET
             position = CASE WHEN id = $1 THEN $3 WHEN $3 < $2 THEN position + 1 ELSE position - 1 END,
             version = CASE WHEN id = $1 THEN version + 1 ELSE version END,
             updated_at = CASE WHEN id = $1 THEN now() ELSE updated_at END
           WHERE axis_id = $4 AND (id = $1 OR position BETWEEN least($2::int, $3::int) AND greatest($2::int, $3::int))`,
          [id, before.position, position, before.axisId],
        );
      } else {
        await manager.query(
          `UPDATE plans.action SET
             axis_id = CASE WHEN id = $1 THEN $5::uuid ELSE axis_id END,
             position = CASE WHEN id = $1 THEN $3 WHEN axis_id = $4 THEN position - 1 ELSE position + 1 END,
             version = CASE WHEN id = $1 THEN version + 1 ELSE version END,
             updated_at = CASE WHEN id = $1 THEN now() ELSE updated_at END
           WHERE id = $1 OR (axis_id = $4 AND position > $2) OR (axis_id = $5 AND position >= $3)`,
          [id, before.position, position, before.axisId, targetAxis],
        );
      }
      const after = await manager.findOneByOrFail(Action, { id });
      const { partners, milestones } = await this.linksOf(manager, id);
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'Action', entityId: id, action: 'update', before: actionValues(before, partners, milestones), after: actionValues(after, partners, milestones) },
      ]);
      return after;
    });
  }

  /** Deletes an action that nothing depends on (sub-actions, indicators, agreements); the next ones move up. */
  async delete(context: RequestContext, id: string, version: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const peek = await findOrFail(manager, Action, 'Action', id);
      await lockRow(manager, Plan, 'Plan', peek.planId);
      const before = await lockRow(manager, Action, 'Action', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Action', before, version);
      const [{ children, indicators, agreements }] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM plans.action WHERE parent_id = $1) AS children,
                EXISTS (SELECT 1 FROM plans.indicator WHERE action_id = $1) AS indicators,
                EXISTS (SELECT 1 FROM plans.agreement WHERE action_id = $1) AS agreements`,
        [id],
      );
      if (children || indicators || agreements) {
        const what = [children && 'sub-actions', indicators && 'indicators', agreements && 'agreements'].filter(Boolean).join(', ');
        throw BadInputError.field('id', `the action has ${what}: move or delete them first (or cancel the action)`);
      }
      const { partners, milestones } = await this.linksOf(manager, id);
      await manager.query('DELETE FROM plans.action WHERE id = $1', [id]);
      await manager.query('UPDATE plans.action SET position = position - 1 WHERE axis_id = $1 AND position > $2', [before.axisId, before.position]);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Action', entityId: id, action: 'delete', before: actionValues(before, partners, milestones) }]);
      return true;
    });
  }

  /** A parent is an action of the same plan that is not itself a sub-action; an action with sub-actions gets no parent. */
  private async checkParent(manager: EntityManager, id: string | null, planId: string, parentId: string | null): Promise<void> {
    if (!parentId) return;
    if (parentId === id) throw BadInputError.field('parentId', 'an action cannot be its own parent');
    const parent = isUuid(parentId) ? await manager.findOneBy(Action, { id: parentId }) : null;
    if (!parent) throw BadInputError.field('parentId', 'is not an action');
    if (parent.planId !== planId) throw BadInputError.field('parentId', 'is an action of another plan: a sub-action’s axis must be in its parent’s plan');
    if (parent.parentId) throw BadInputError.field('parentId', 'is itself a sub-action (sub-actions have one level)');
    if (id) {
      const [{ children }] = await manager.query('SELECT EXISTS (SELECT 1 FROM plans.action WHERE parent_id = $1) AS children', [id]);
      if (children) throw BadInputError.field('parentId', 'this action has sub-actions, so it cannot become one');
    }
  }

  private async linksOf(manager: EntityManager, id: string): Promise<{ partners: string[]; milestones: MilestoneValues[] }> {
    const [{ partners, milestones }] = await manager.query(
      `SELECT ARRAY(SELECT actor_id::text FROM plans.action_partner WHERE action_id = $1 ORDER BY position) AS partners,
              coalesce((SELECT json_agg(json_build_object('title', title, 'dueOn', due_on::text, 'done', done, 'doneOn', done_on::text) ORDER BY due_on, title COLLATE "C")
                        FROM plans.milestone WHERE action_id = $1), '[]'::json) AS milestones`,
      [id],
    );
    return { partners, milestones };
  }

  private async writePartners(manager: EntityManager, id: string, partners: string[]): Promise<void> {
    await manager.query('DELETE FROM plans.action_partner WHERE action_id = $1', [id]);
    if (partners.length) await manager.insert(ActionPartner, partners.map((actorId, i) => ({ actionId: id, actorId, position: i + 1 })));
  }

  private async writeMilestones(manager: EntityManager, id: string, milestones: MilestoneValues[]): Promise<void> {
    await manager.query('DELETE FROM plans.milestone WHERE action_id = $1', [id]);
    if (milestones.length) await manager.insert(Milestone, milestones.map((m) => ({ actionId: id, ...m })));
  }
}
