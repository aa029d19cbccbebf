// Per-request loaders of the roll-ups: each answers every requested plan or axis with one aggregate statement.
import { isUuid } from '@ess/kit';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { INDICATOR_STATUS, LATEST_VALUE_JOIN } from '../indicator/indicator.sql';
import { AgreementTotal, type AgreementYearTotal, type IndicatorCounts, type Rollup } from './rollup.types';

interface RollupRow {
  key: string;
  action_count: number;
  progress: string | null;
  planned: string;
  committed: string;
  rate: string | null;
}

const toRollup = (row: RollupRow | undefined): Rollup => ({
  progress: { actionCount: row?.action_count ?? 0, progress: row?.progress == null ? null : Number(row.progress) },
  budget: { planned: Number(row?.planned ?? 0), committed: Number(row?.committed ?? 0), commitmentRate: row?.rate == null ? null : Number(row.rate) },
});

/**
 * What the progress and budget roll-ups count: every action that is not cancelled, sub-actions included, once, in its
 * own axis (a sub-action may sit under another axis than its parent). So an axis totals exactly the actions it lists
 * and a plan exactly the actions of its axes (issue 16: an axis listed two actions but counted one).
 */
const COUNTED = `a.status <> 'CANCELLED'`;

const AGGREGATES = `count(a.id)::int AS action_count,
  round(avg(a.progress), 2)::text AS progress,
  coalesce(sum(a.planned_budget), 0)::text AS planned,
  coalesce(sum(a.committed_budget), 0)::text AS committed,
  round(sum(a.committed_budget) / nullif(sum(a.planned_budget), 0), 4)::text AS rate`;

function uuids(keys: readonly string[]): string[] {
  return keys.filter(isUuid);
}

export function createRollupLoaders(dataSource: DataSource) {
  return {
    rollupByAxisIdLoader: new DataLoader<string, Rollup>(async (axisIds) => {
      const rows: RollupRow[] = await dataSource.query(
        `SELECT x.id::text AS key, ${AGGREGATES}
         FROM plans.axis x LEFT JOIN plans.action a ON a.axis_id = x.id AND ${COUNTED}
         WHERE x.id = ANY($1) GROUP BY x.id`,
        [uuids(axisIds)],
      );
      const byKey = new Map(rows.map((row) => [row.key, row]));
      return axisIds.map((id) => toRollup(byKey.get(id)));
    }),

    rollupByPlanIdLoader: new DataLoader<string, Rollup>(async (planIds) => {
      const rows: RollupRow[] = await dataSource.query(
        `SELECT p.id::text AS key, ${AGGREGATES}
         FROM plans.plan p LEFT JOIN plans.action a ON a.plan_id = p.id AND ${COUNTED}
         WHERE p.id = ANY($1) GROUP BY p.id`,
        [uuids(planIds)],
      );
      const byKey = new Map(rows.map((row) => [row.key, row]));
      return planIds.map((id) => toRollup(byKey.get(id)));
    }),

    /** Signed (or closed) agreements by axis of their action and year of signature, for each plan. */
    agreementTotalsByPlanIdLoader: new DataLoader<string, AgreementTotal[]>(async (planIds) => {
      const rows: Array<{ plan_id: string; axis_id: string; year: number; count: number; amount: string }> = await dataSource.query(
        `SELECT g.plan_id::text, x.id::text AS axis_id, extract(year FROM g.signed_on)::int AS year, count(*)::int AS count, sum(g.amount)::text AS amount
         FROM plans.agreement g JOIN plans.action a ON a.id = g.action_id JOIN plans.axis x ON x.id = a.axis_id
         WHERE g.plan_id = ANY($1) AND g.status IN ('SIGNED', 'CLOSED')
         GROUP BY g.plan_id, x.id, x.position, 3 ORDER BY g.plan_id, x.position, 3`,
        [uuids(planIds)],
      );
      return planIds.map((id) =>
        rows
          .filter((row) => row.plan_id === id)
          .map((row) => Object.assign(new AgreementTotal(), { axisId: row.axis_id, year: row.year, agreementCount: row.count, amount: Number(row.amount) })),
      );
    }),

    agreementTotalsByAxisIdLoader: new DataLoader<string, AgreementYearTotal[]>(async (axisIds) => {
      const rows: Array<{ axis_id: string; year: number; count: number; amount: string }> = await dataSource.query(
        `SELECT a.axis_id::text, extract(year FROM g.signed_on)::int AS year, count(*)::int AS count, sum(g.amount)::text AS amount
         FROM plans.agreement g JOIN plans.action a ON a.id = g.action_id
         WHERE a.axis_id = ANY($1) AND g.status IN ('SIGNED', 'CLOSED')
         GROUP BY a.axis_id, 2 ORDER BY a.axis_id, 2`,
        [uuids(axisIds)],
      );
      return axisIds.map((id) => rows.filter((row) => row.axis_id === id).map((row) => ({ year: row.year, agreementCount: row.count, amount: Number(row.amount) })));
    }),

    /** Indicators of each plan (its own and its actions') by status, the status computed by the shared SQL. */
    indicatorCountsByPlanIdLoader: new DataLoader<string, IndicatorCounts>(async (planIds) => {
      const rows: Array<{ plan_id: string } & IndicatorCounts> = await dataSource.query(
        `SELECT s.plan_id::text, count(*)::int AS total,
                count(*) FILTER (WHERE s.status = 'ON_TRACK')::int AS "onTrack",
                count(*) FILTER (WHERE s.status = 'LATE')::int AS late,
                count(*) FILTER (WHERE s.status = 'ACHIEVED')::int AS achieved,
                count(*) FILTER (WHERE s.status = 'NO_DATA')::int AS "noData"
         FROM (SELECT i.plan_id, ${INDICATOR_STATUS} AS status FROM plans.indicator i ${LATEST_VALUE_JOIN} WHERE i.plan_id = ANY($1)) s
         GROUP BY s.plan_id`,
        [uuids(planIds)],
      );
      const byPlan = new Map(rows.map((row) => [row.plan_id, row]));
      return planIds.map((id) => {
        const row = byPlan.get(id);
        return { total: row?.total ?? 0, onTrack: row?.onTrack ?? 0, late: row?.late ?? 0, achieved: row?.achieved ?? 0, noData: row?.noData ?? 0 };
      });
    }),
  };
}
