// Per-request DataLoaders of the plans subgraph: every field that reaches into another table goes through one of these,
// so the number of statements of a request does not grow with the length of its lists.
import { historyLoader, isUuid, manyByKeyLoader, oneByKeyLoader } from '@ess/kit';
import DataLoader from 'dataloader';
import { In, type DataSource, type FindOptionsWhere, type ObjectLiteral, type Repository } from 'typeorm';
import { Action, Milestone } from './action/action.entity';
import type { NestedActionFilter } from './action/dto/action.input';
import { Agreement, Instalment } from './agreement/agreement.entity';
import { Authority, PlanKind } from './authority/authority.entity';
import { Axis } from './axis/axis.entity';
import { childPagesLoader } from '@ess/kit';
import { PlanEvent } from './event/event.entity';
import { Indicator, IndicatorTracking, IndicatorValue, type IndicatorStatus } from './indicator/indicator.entity';
import { EXPECTED_VALUE, INDICATOR_STATUS, LATEST_VALUE_JOIN } from './indicator/indicator.sql';
import { Plan, PlanAuthority } from './plan/plan.entity';
import { createRollupLoaders } from './rollup/rollup.loaders';

/** Rows by id, skipping ids that are not UUIDs (they match nothing) and sending no statement for none. */
async function byIds<T extends ObjectLiteral & { id: string }>(repository: Repository<T>, ids: readonly string[]): Promise<T[]> {
  const valid = ids.filter(isUuid);
  return valid.length ? repository.findBy({ id: In(valid) } as FindOptionsWhere<T>) : [];
}

function byIdLoader<T extends ObjectLiteral & { id: string }>(dataSource: DataSource, entity: new () => T) {
  return oneByKeyLoader<string, T>((ids) => byIds(dataSource.getRepository(entity), ids), (row) => row.id);
}

/** Plan-wide order of actions: by axis position, then position in the axis (positions stay below 10 000). */
const ACTION_ORDER = { sql: 'x.position * 10000 + c.position', type: 'int', direction: 'ASC' } as const;

function actionFilter(filter: NestedActionFilter | undefined) {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter?.statuses?.length) {
    parts.push('c.status = ANY(:statuses)');
    params.statuses = filter.statuses;
  }
  if (filter?.topLevelOnly) parts.push('c.parent_id IS NULL');
  return parts.length ? { sql: parts.join(' AND '), params } : null;
}

export function createLoaders(dataSource: DataSource) {
  const authorities = dataSource.getRepository(Authority);
  return {
    historyLoader: historyLoader(dataSource, 'plans'),
    ...createRollupLoaders(dataSource),

    authorityByCodeLoader: oneByKeyLoader<string, Authority>((codes) => authorities.createQueryBuilder('a').where('a.code = ANY(:codes)', { codes }).getMany(), (a) => a.code),
    planKindByCodeLoader: oneByKeyLoader<string, PlanKind>(
      (codes) => dataSource.getRepository(PlanKind).createQueryBuilder('k').where('k.code = ANY(:codes)', { codes }).getMany(),
      (k) => k.code,
    ),
    planByIdLoader: byIdLoader(dataSource, Plan),
    axisByIdLoader: byIdLoader(dataSource, Axis),
    actionByIdLoader: byIdLoader(dataSource, Action),
    indicatorByIdLoader: byIdLoader(dataSource, Indicator),
    agreementByIdLoader: byIdLoader(dataSource, Agreement),
    eventByIdLoader: byIdLoader(dataSource, PlanEvent),

    authoritiesByPlanIdLoader: manyByKeyLoader<string, Authority>(async (planIds) => {
      const { raw, entities } = await authorities
        .createQueryBuilder('authority')
        .innerJoin(PlanAuthority, 'pa', 'pa.authority_code = authority.code')
        .addSelect('pa.plan_id', 'pa_plan_id')
        .where('pa.plan_id = ANY(:planIds)', { planIds: planIds.filter(isUuid) })
        .orderBy('authority.code')
        .getRawAndEntities();
      // One raw row per (plan, authority), one entity per authority (TypeORM merges rows by key): pair them by code.
      const byCode = new Map(entities.map((a) => [a.code, a]));
      return (raw as Array<{ pa_plan_id: string; authority_code: string }>).map((row) => ({ key: row.pa_plan_id, value: byCode.get(row.authority_code) as Authority }));
    }),

    /** The axes of each plan, in order: a small, bounded list (at most 20 a plan). */
    axesByPlanIdLoader: manyByKeyLoader<string, Axis>(async (planIds) => {
      const axes = await dataSource.getRepository(Axis).createQueryBuilder('x').where('x.plan_id = ANY(:ids)', { ids: planIds.filter(isUuid) }).orderBy('x.position').getMany();
      return axes.map((axis) => ({ key: axis.planId, value: axis }));
    }),

    /** Partner actor ids of each action, in the order given (at most 50 an action). */
    partnerIdsByActionIdLoader: manyByKeyLoader<string, string>(async (actionIds) => {
      const rows: Array<{ action_id: string; actor_id: string }> = await dataSource.query(
        'SELECT action_id::text, actor_id::text FROM plans.action_partner WHERE action_id = ANY($1) ORDER BY action_id, position',
        [actionIds.filter(isUuid)],
      );
      return rows.map((row) => ({ key: row.action_id, value: row.actor_id }));
    }),

    milestonesByActionIdLoader: manyByKeyLoader<string, Milestone>(async (actionIds) => {
      const milestones = await dataSource
        .getRepository(Milestone)
        .createQueryBuilder('m')
        .where('m.action_id = ANY(:ids)', { ids: actionIds.filter(isUuid) })
        .orderBy('m.due_on')
        .addOrderBy('m.title COLLATE "C"')
        .getMany();
      return milestones.map((m) => ({ key: m.actionId, value: m }));
    }),

    instalmentsByAgreementIdLoader: manyByKeyLoader<string, Instalment>(async (agreementIds) => {
      const instalments = await dataSource
        .getRepository(Instalment)
        .createQueryBuilder('i')
        .where('i.agreement_id = ANY(:ids)', { ids: agreementIds.filter(isUuid) })
        .orderBy('i.due_on')
        .addOrderBy('i.amount')
        .getMany();
      return instalments.map((i) => ({ key: i.agreementId, value: i }));
    }),

    indicatorTrackingByIdLoader: new DataLoader<string, IndicatorTracking>(async (ids) => {
      const rows: Array<{ id: string; status: IndicatorStatus; latest_value: string | null; latest_on: string | null; expected: string | null }> = await dataSource.query(
        `SELECT i.id::text, ${INDICATOR_STATUS} AS status, latest.value::text AS latest_value, latest.measured_on::text AS latest_on,
                CASE WHEN latest.value IS NULL THEN NULL ELSE ${EXPECTED_VALUE}::text END AS expected
         FROM plans.indicator i ${LATEST_VALUE_JOIN} WHERE i.id = ANY($1)`,
        [ids.filter(isUuid)],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => {
        const row = byId.get(id);
        return Object.assign(new IndicatorTracking(), {
          status: row?.status ?? 'NO_DATA',
          latestValue: row?.latest_value == null ? null : Number(row.latest_value),
          latestOn: row?.latest_on ?? null,
          expectedValue: row?.expected == null ? null : Number(row.expected),
        });
      });
    }),

    // Pages of children, a window per parent (see common/pages.ts).
    plansPageByAuthorityLoader: childPagesLoader<Plan>(dataSource, {
      entity: Plan,
      from: 'plans.plan c JOIN plans.plan_authority pa ON pa.plan_id = c.id',
      parent: 'pa.authority_code',
      uuidParents: false,
      sort: { sql: 'c.title', type: 'text', direction: 'ASC' },
    }),
    actionsPageByPlanLoader: childPagesLoader<Action, NestedActionFilter>(dataSource, {
      entity: Action,
      from: 'plans.action c JOIN plans.axis x ON x.id = c.axis_id',
      parent: 'c.plan_id',
      where: actionFilter,
      sort: ACTION_ORDER,
    }),
    actionsPageByAxisLoader: childPagesLoader<Action, NestedActionFilter>(dataSource, {
      entity: Action,
      from: 'plans.action c',
      parent: 'c.axis_id',
      where: actionFilter,
      sort: { sql: 'c.position', type: 'int', direction: 'ASC' },
    }),
    subActionsPageLoader: childPagesLoader<Action>(dataSource, {
      entity: Action,
      from: 'plans.action c JOIN plans.axis x ON x.id = c.axis_id',
      parent: 'c.parent_id',
      sort: ACTION_ORDER,
    }),
    partnerActionsPageLoader: childPagesLoader<Action>(dataSource, {
      entity: Action,
      from: 'plans.action c JOIN plans.action_partner ap ON ap.action_id = c.id',
      parent: 'ap.actor_id',
      sort: { sql: 'c.title', type: 'text', direction: 'ASC' },
    }),
    indicatorsPageByPlanLoader: childPagesLoader<Indicator>(dataSource, {
      entity: Indicator,
      from: 'plans.indicator c',
      parent: 'c.plan_id',
      sort: { sql: 'c.title', type: 'text', direction: 'ASC' },
    }),
    indicatorsPageByActionLoader: childPagesLoader<Indicator>(dataSource, {
      entity: Indicator,
      from: 'plans.indicator c',
      parent: 'c.action_id',
      sort: { sql: 'c.title', type: 'text', direction: 'ASC' },
    }),
    valuesPageByIndicatorLoader: childPagesLoader<IndicatorValue>(dataSource, {
      entity: IndicatorValue,
      from: 'plans.indicator_value c',
      parent: 'c.indicator_id',
      sort: { sql: 'c.measured_on', type: 'date', direction: 'ASC' },
    }),
    agreementsPageByPlanLoader: childPagesLoader<Agreement>(dataSource, {
      entity: Agreement,
      from: 'plans.agreement c',
      parent: 'c.plan_id',
      sort: { sql: 'c.created_at', type: 'timestamptz', direction: 'DESC' },
    }),
    agreementsPageByActionLoader: childPagesLoader<Agreement>(dataSource, {
      entity: Agreement,
      from: 'plans.agreement c',
      parent: 'c.action_id',
      sort: { sql: 'c.created_at', type: 'timestamptz', direction: 'DESC' },
    }),
    agreementsPageByActorLoader: childPagesLoader<Agreement>(dataSource, {
      entity: Agreement,
      from: 'plans.agreement c',
      parent: 'c.actor_id',
      sort: { sql: 'c.created_at', type: 'timestamptz', direction: 'DESC' },
    }),
    eventsPageByPlanLoader: childPagesLoader<PlanEvent>(dataSource, {
      entity: PlanEvent,
      from: 'plans.event c',
      parent: 'c.plan_id',
      sort: { sql: 'c.held_on', type: 'date', direction: 'ASC' },
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
