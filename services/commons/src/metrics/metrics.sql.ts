// The SQL of the metrics and of an application's score, shared by the loaders (one statement for any number of keys).
import { isUuid } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { SupportKind } from '../call/call.entity';
import { CommonsMetrics, GrantedSupport } from './metrics.types';

interface MetricsRow {
  key: string;
  call_count: number;
  application_count: number | null;
  structures: number | null;
  average_size: string | null;
  targeted: number | null;
  decided: number | null;
  accepted: number | null;
  money: string | null;
  money_count: number | null;
  skills: number | null;
  premises: number | null;
  equipment: number | null;
  commons: number | null;
  alive: number | null;
}

/** Metrics grouped by `key` (a call's id, or its authority's code); one statement whatever the number of keys. */
function metricsSql(key: string): string {
  return `
    WITH c AS (SELECT id, ${key} AS key FROM commons.call WHERE ${key} = ANY($1)),
    apps AS (
      SELECT c.key, a.id,
             (SELECT count(*) FROM commons.application_member m WHERE m.application_id = a.id) AS size,
             EXISTS (SELECT 1 FROM commons.application_need an JOIN commons.need n ON n.id = an.need_id
                     WHERE an.application_id = a.id AND n.territory_kind IN ('RURAL', 'PRIORITY_DISTRICT')) AS targeted
      FROM c JOIN commons.application a ON a.call_id = c.id
      WHERE a.submitted_at IS NOT NULL),
    app_stats AS (SELECT key, count(*)::int AS application_count, round(avg(size), 2)::text AS average_size,
                         count(*) FILTER (WHERE targeted)::int AS targeted FROM apps GROUP BY key),
    structures AS (SELECT apps.key, count(DISTINCT m.actor_id)::int AS structures
                   FROM apps JOIN commons.application_member m ON m.application_id = apps.id GROUP BY apps.key),
    decisions AS (SELECT c.key, count(*)::int AS decided, count(*) FILTER (WHERE d.accepted)::int AS accepted,
                         sum(d.granted_amount)::text AS money,
                         count(*) FILTER (WHERE d.granted_amount > 0)::int AS money_count,
                         count(*) FILTER (WHERE d.granted_skills IS NOT NULL)::int AS skills,
                         count(*) FILTER (WHERE d.granted_premises IS NOT NULL)::int AS premises,
                         count(*) FILTER (WHERE d.granted_equipment IS NOT NULL)::int AS equipment
                  FROM c JOIN commons.decision d ON d.call_id = c.id GROUP BY c.key),
    produced AS (SELECT c.key, count(*)::int AS commons, count(*) FILTER (WHERE p.status IN ('EMERGING', 'ACTIVE'))::int AS alive
                 FROM c JOIN commons.common p ON p.call_id = c.id GROUP BY c.key),
    calls AS (SELECT key, count(*)::int AS call_count FROM c GROUP BY key)
    SELECT calls.key::text, calls.call_count, s.application_count, st.structures, s.average_size, s.targeted,
           d.decided, d.accepted, d.money, d.money_count, d.skills, d.premises, d.equipment, p.commons, p.alive
    FROM calls LEFT JOIN app_stats s USING (key) LEFT JOIN structures st USING (key)
         LEFT JOIN decisions d USING (key) LEFT JOIN produced p USING (key)`;
}

const ratio = (part: number, whole: number, decimals: number) => (whole ? Math.round((part / whole) * 10 ** decimals) / 10 ** decimals : null);

function toMetrics(row: MetricsRow | undefined): CommonsMetrics {
  const applications = row?.application_count ?? 0;
  const decided = row?.decided ?? 0;
  const accepted = row?.accepted ?? 0;
  const support = (kind: SupportKind, grantCount: number, amount: number | null) => Object.assign(new GrantedSupport(), { kind, grantCount, amount });
  return Object.assign(new CommonsMetrics(), {
    callCount: row?.call_count ?? 0,
    applicationCount: applications,
    structuresInvolved: row?.structures ?? 0,
    averageGroupSize: row?.average_size == null ? null : Number(row.average_size),
    ruralOrPriorityShare: ratio(row?.targeted ?? 0, applications, 4),
    decidedCount: decided,
    acceptedCount: accepted,
    acceptanceRate: ratio(accepted, decided, 4),
    supportGranted: [
      support(SupportKind.MONEY, row?.money_count ?? 0, Number(row?.money ?? 0)),
      support(SupportKind.SKILLS, row?.skills ?? 0, null),
      support(SupportKind.PREMISES, row?.premises ?? 0, null),
      support(SupportKind.EQUIPMENT, row?.equipment ?? 0, null),
    ],
    commonCount: row?.commons ?? 0,
    commonsAlive: row?.alive ?? 0,
  });
}

export async function metricsByCall(dataSource: DataSource, callIds: readonly string[]): Promise<CommonsMetrics[]> {
  const rows: MetricsRow[] = await dataSource.query(metricsSql('id'), [callIds.filter(isUuid)]);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return callIds.map((id) => toMetrics(byKey.get(id)));
}

export async function metricsByAuthority(dataSource: DataSource, codes: readonly string[]): Promise<CommonsMetrics[]> {
  const rows: MetricsRow[] = await dataSource.query(metricsSql('authority_code'), [[...codes]]);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return codes.map((code) => toMetrics(byKey.get(code)));
}

/**
 * Score of each application: for each review, 100 × Σ(score × weight) / Σ(max × weight) over the call's criteria;
 * the application's score is the mean over its reviews, two decimals.
 */
export const APPLICATION_SCORE_SQL = `
  SELECT x.application_id::text AS application_id, count(*)::int AS review_count, round(avg(x.review_score), 2)::text AS score
  FROM (SELECT r.application_id, r.id, 100 * sum(s.score * c.weight) / sum(c.max_score * c.weight) AS review_score
        FROM commons.review r JOIN commons.review_score s ON s.review_id = r.id JOIN commons.criterion c ON c.id = s.criterion_id
        WHERE r.application_id = ANY($1) GROUP BY r.application_id, r.id) x
  GROUP BY x.application_id`;
