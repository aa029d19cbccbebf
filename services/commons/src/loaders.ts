// Per-request DataLoaders of the commons subgraph: every field that reaches into another table goes through one of
// these, so the number of statements of a request does not grow with the length of its lists.
import { historyLoader, isUuid, manyByKeyLoader, oneByKeyLoader } from '@ess/kit';
import DataLoader from 'dataloader';
import { In, type DataSource, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { Application, ApplicationMemberRole, ApplicationNeed, ApplicationScore, CriterionScore, Decision, Review } from './application/application.entity';
import type { NestedApplicationFilter } from './application/dto/application.input';
import { Call, Challenge, Criterion, JuryMember } from './call/call.entity';
import { Common, CommonMilestone, CommonReuse } from './common/common.entity';
import { APPLICATION_SCORE_SQL, metricsByAuthority, metricsByCall } from './metrics/metrics.sql';
import type { CommonsMetrics } from './metrics/metrics.types';
import { childPagesLoader } from '@ess/kit';
import { Need, Workshop } from './workshop/workshop.entity';

function byIdLoader<T extends ObjectLiteral & { id: string }>(dataSource: DataSource, entity: new () => T) {
  return oneByKeyLoader<string, T>(async (ids) => {
    const valid = ids.filter(isUuid);
    return valid.length ? dataSource.getRepository(entity).findBy({ id: In(valid) } as FindOptionsWhere<T>) : [];
  }, (row) => row.id);
}

/** Rows of a child table for many parents, in a stable order, one statement. */
function childrenLoader<T extends ObjectLiteral>(dataSource: DataSource, entity: new () => T, parentColumn: string, parentOf: (row: T) => string, order: string) {
  return manyByKeyLoader<string, T>(async (parentIds) => {
    const valid = parentIds.filter(isUuid);
    if (!valid.length) return [];
    const rows = await dataSource.getRepository(entity).createQueryBuilder('x').where(`x.${parentColumn} = ANY(:ids)`, { ids: valid }).orderBy(order).getMany();
    return rows.map((row) => ({ key: parentOf(row), value: row }));
  });
}

function statusFilter(filter: NestedApplicationFilter | undefined) {
  // An empty list keeps nothing (a public caller asking for drafts only).
  return filter?.statuses ? { sql: 'c.status = ANY(:statuses)', params: { statuses: filter.statuses } } : null;
}

export interface Member {
  actorId: string;
  role: ApplicationMemberRole;
}

export function createLoaders(dataSource: DataSource) {
  const ids = (keys: readonly string[]) => keys.filter(isUuid);
  return {
    historyLoader: historyLoader(dataSource, 'commons'),

    callByIdLoader: byIdLoader(dataSource, Call),
    applicationByIdLoader: byIdLoader(dataSource, Application),
    commonByIdLoader: byIdLoader(dataSource, Common),
    workshopByIdLoader: byIdLoader(dataSource, Workshop),
    needByIdLoader: byIdLoader(dataSource, Need),
    challengeByIdLoader: byIdLoader(dataSource, Challenge),
    jurorByIdLoader: byIdLoader(dataSource, JuryMember),

    // Small bounded lists (at most 20 challenges or criteria, a jury): plain lists in order.
    challengesByCallIdLoader: childrenLoader(dataSource, Challenge, 'call_id', (c) => c.callId, 'x.position'),
    criteriaByCallIdLoader: childrenLoader(dataSource, Criterion, 'call_id', (c) => c.callId, 'x.position'),
    juryByCallIdLoader: childrenLoader(dataSource, JuryMember, 'call_id', (j) => j.callId, 'x.name'),
    reviewsByApplicationIdLoader: childrenLoader(dataSource, Review, 'application_id', (r) => r.applicationId, 'x.created_at'),
    milestonesByCommonIdLoader: childrenLoader(dataSource, CommonMilestone, 'common_id', (m) => m.commonId, 'x.due_on'),
    reusesByCommonIdLoader: childrenLoader(dataSource, CommonReuse, 'common_id', (r) => r.commonId, 'x.since'),

    /** The group of each application in order: the lead first, then the partners (at most 51). */
    membersByApplicationIdLoader: manyByKeyLoader<string, Member>(async (keys) => {
      const rows: Array<{ application_id: string; actor_id: string; role: ApplicationMemberRole }> = await dataSource.query(
        'SELECT application_id::text, actor_id::text, role FROM commons.application_member WHERE application_id = ANY($1) ORDER BY application_id, position',
        [ids(keys)],
      );
      return rows.map((r) => ({ key: r.application_id, value: { actorId: r.actor_id, role: r.role } }));
    }),
    needsByApplicationIdLoader: manyByKeyLoader<string, Need>(async (keys) => {
      const { raw, entities } = await dataSource
        .getRepository(Need)
        .createQueryBuilder('n')
        .innerJoin(ApplicationNeed, 'an', 'an.need_id = n.id')
        .addSelect('an.application_id', 'an_application_id')
        .where('an.application_id = ANY(:ids)', { ids: ids(keys) })
        .orderBy('n.created_at')
        .addOrderBy('n.id')
        .getRawAndEntities();
      const byId = new Map(entities.map((n) => [n.id, n]));
      return (raw as Array<{ an_application_id: string; n_id: string }>).map((r) => ({ key: r.an_application_id, value: byId.get(r.n_id) as Need }));
    }),
    participantIdsByWorkshopIdLoader: manyByKeyLoader<string, string>(async (keys) => {
      const rows: Array<{ workshop_id: string; actor_id: string }> = await dataSource.query(
        'SELECT workshop_id::text, actor_id::text FROM commons.workshop_participant WHERE workshop_id = ANY($1) ORDER BY workshop_id, position',
        [ids(keys)],
      );
      return rows.map((r) => ({ key: r.workshop_id, value: r.actor_id }));
    }),
    maintainerIdsByCommonIdLoader: manyByKeyLoader<string, string>(async (keys) => {
      const rows: Array<{ common_id: string; actor_id: string }> = await dataSource.query(
        'SELECT common_id::text, actor_id::text FROM commons.common_maintainer WHERE common_id = ANY($1) ORDER BY common_id, position',
        [ids(keys)],
      );
      return rows.map((r) => ({ key: r.common_id, value: r.actor_id }));
    }),
    scoresByReviewIdLoader: manyByKeyLoader<string, CriterionScore>(async (keys) => {
      const rows: Array<{ review_id: string; criterion_id: string; score: number }> = await dataSource.query(
        `SELECT s.review_id::text, s.criterion_id::text, s.score FROM commons.review_score s JOIN commons.criterion c ON c.id = s.criterion_id
         WHERE s.review_id = ANY($1) ORDER BY s.review_id, c.position`,
        [ids(keys)],
      );
      return rows.map((r) => ({ key: r.review_id, value: Object.assign(new CriterionScore(), { criterionId: r.criterion_id, score: r.score }) }));
    }),
    decisionByApplicationIdLoader: oneByKeyLoader<string, Decision>(async (keys) => {
      const valid = ids(keys);
      return valid.length ? dataSource.getRepository(Decision).findBy({ applicationId: In(valid) }) : [];
    }, (d) => d.applicationId),
    commonsByApplicationIdLoader: childrenLoader(dataSource, Common, 'application_id', (c) => c.applicationId, 'x.name'),
    scoreByApplicationIdLoader: new DataLoader<string, ApplicationScore>(async (keys) => {
      const rows: Array<{ application_id: string; review_count: number; score: string }> = await dataSource.query(APPLICATION_SCORE_SQL, [ids(keys)]);
      const byId = new Map(rows.map((r) => [r.application_id, r]));
      return keys.map((key) => {
        const row = byId.get(key);
        return Object.assign(new ApplicationScore(), { reviewCount: row?.review_count ?? 0, score: row ? Number(row.score) : null });
      });
    }),

    metricsByCallIdLoader: new DataLoader<string, CommonsMetrics>((keys) => metricsByCall(dataSource, keys)),
    metricsByAuthorityLoader: new DataLoader<string, CommonsMetrics>((keys) => metricsByAuthority(dataSource, keys)),

    // Pages of children, a window per parent (see shared/pages.ts).
    workshopsPageByCallLoader: childPagesLoader<Workshop>(dataSource, { entity: Workshop, from: 'commons.workshop c', parent: 'c.call_id', sort: { sql: 'c.held_on', type: 'date', direction: 'ASC' } }),
    needsPageByCallLoader: childPagesLoader<Need>(dataSource, { entity: Need, from: 'commons.need c', parent: 'c.call_id', sort: { sql: 'c.created_at', type: 'timestamptz', direction: 'ASC' } }),
    needsPageByWorkshopLoader: childPagesLoader<Need>(dataSource, { entity: Need, from: 'commons.need c', parent: 'c.workshop_id', sort: { sql: 'c.created_at', type: 'timestamptz', direction: 'ASC' } }),
    applicationsPageByCallLoader: childPagesLoader<Application, NestedApplicationFilter>(dataSource, {
      entity: Application,
      from: 'commons.application c',
      parent: 'c.call_id',
      where: statusFilter,
      sort: { sql: 'c.title', type: 'text', direction: 'ASC' },
    }),
    applicationsPageByActorLoader: childPagesLoader<Application, NestedApplicationFilter>(dataSource, {
      entity: Application,
      from: 'commons.application c JOIN commons.application_member m ON m.application_id = c.id',
      parent: 'm.actor_id',
      where: statusFilter,
      sort: { sql: 'c.title', type: 'text', direction: 'ASC' },
    }),
    commonsPageByCallLoader: childPagesLoader<Common>(dataSource, { entity: Common, from: 'commons.common c', parent: 'c.call_id', sort: { sql: 'c.name', type: 'text', direction: 'ASC' } }),
    commonsPageByMaintainerLoader: childPagesLoader<Common>(dataSource, {
      entity: Common,
      from: 'commons.common c JOIN commons.common_maintainer m ON m.common_id = c.id',
      parent: 'm.actor_id',
      sort: { sql: 'c.name', type: 'text', direction: 'ASC' },
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
