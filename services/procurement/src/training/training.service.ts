// Training sessions for buyers: written by the staff of their authority, versioned and audited.
import { BadInputError, isUuid, lockForEdit, paginate, recordAudit, writeVersioned, type FieldProblem, type Page, type PageArgs, type RequestContext, assertCanWrite } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { authorityCodes } from '../common/authority';
import { SCHEMA } from '../common/columns';
import { isCalendarDate } from '../common/identifiers';
import { SpaserPlan } from '../spaser/spaser.entity';
import type { CreateTrainingSessionInput, TrainingSessionFieldsInput, TrainingSessionFilter } from './dto/training.input';
import { TrainingSession } from './training.entity';

interface SessionValues {
  topic: string;
  heldOn: string;
  organiser: string;
  buyersTrained: number;
  description: string | null;
  spaserPlanId: string | null;
}

const valuesOf = (s: TrainingSession): SessionValues & { authorityCode: string } => ({
  authorityCode: s.authorityCode,
  topic: s.topic,
  heldOn: s.heldOn,
  organiser: s.organiser,
  buyersTrained: s.buyersTrained,
  description: s.description,
  spaserPlanId: s.spaserPlanId,
});

export class TrainingService {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: TrainingSessionFilter | null | undefined, page: PageArgs): Promise<Page<TrainingSession>> {
    const query = this.dataSource.getRepository(TrainingSession).createQueryBuilder('session');
    const authorities = authorityCodes(filter?.authorities);
    if (authorities.length) query.andWhere('session.authority_code IN (:...authorities)', { authorities });
    if (filter?.years?.length) query.andWhere('extract(year FROM session.held_on)::int IN (:...years)', { years: filter.years });
    if (filter?.spaserPlanId != null) query.andWhere(isUuid(filter.spaserPlanId) ? 'session.spaser_plan_id = :plan' : 'false', { plan: filter.spaserPlanId });
    return paginate(query, page, { expression: 'session.held_on', value: (s) => s.heldOn, direction: 'DESC', id: 'session.id', idValue: (s) => s.id });
  }

  private async problems(manager: EntityManager, authority: string, v: SessionValues): Promise<FieldProblem[]> {
    const out: FieldProblem[] = [];
    if (!v.topic) out.push({ field: 'topic', message: 'is required' });
    if (!v.heldOn) out.push({ field: 'heldOn', message: 'is required' });
    else if (!isCalendarDate(v.heldOn) || v.heldOn < '2015-01-01') out.push({ field: 'heldOn', message: 'must be a date since 2015, like 2025-03-18' });
    if (!v.organiser) out.push({ field: 'organiser', message: 'is required' });
    if (v.buyersTrained == null) out.push({ field: 'buyersTrained', message: 'is required' });
    if (v.spaserPlanId) {
      const plan = isUuid(v.spaserPlanId) ? await manager.findOneBy(SpaserPlan, { id: v.spaserPlanId }) : null;
      if (!plan) out.push({ field: 'spaserPlanId', message: 'is not a SPASER of the platform' });
      else if (plan.authorityCode !== authority) out.push({ field: 'spaserPlanId', message: `is the SPASER of authority ${plan.authorityCode}, not ${authority}` });
    }
    return out;
  }

  async create(context: RequestContext, input: CreateTrainingSessionInput): Promise<TrainingSession> {
    const authority = input.authority.trim().toUpperCase();
    assertCanWrite(context, authority);
    return this.dataSource.transaction(async (manager) => {
      const values: SessionValues = {
        topic: input.topic?.trim() as string,
        heldOn: input.heldOn as string,
        organiser: input.organiser?.trim() as string,
        buyersTrained: input.buyersTrained as number,
        description: input.description?.trim() || null,
        spaserPlanId: input.spaserPlanId ?? null,
      };
      const problems = await this.problems(manager, authority, values);
      if (problems.length) throw new BadInputError(problems);
      const session = await manager.save(manager.create(TrainingSession, { ...values, authorityCode: authority }));
      await recordAudit(manager, SCHEMA, context, [{ entity: 'TrainingSession', entityId: session.id, action: 'create', after: valuesOf(session) }]);
      return session;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: TrainingSessionFieldsInput): Promise<TrainingSession> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockForEdit(manager, TrainingSession, 'TrainingSession', id, version, (row) => assertCanWrite(context, row.authorityCode));
      const values: SessionValues = {
        topic: input.topic !== undefined ? (input.topic?.trim() as string) : before.topic,
        heldOn: input.heldOn ?? before.heldOn,
        organiser: input.organiser !== undefined ? (input.organiser?.trim() as string) : before.organiser,
        buyersTrained: input.buyersTrained ?? before.buyersTrained,
        description: input.description !== undefined ? input.description?.trim() || null : before.description,
        spaserPlanId: input.spaserPlanId !== undefined ? input.spaserPlanId : before.spaserPlanId,
      };
      const problems = await this.problems(manager, before.authorityCode, values);
      if (problems.length) throw new BadInputError(problems);
      const after = await writeVersioned(manager, TrainingSession, 'TrainingSession', id, version, { ...values });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'TrainingSession', entityId: id, action: 'update', before: valuesOf(before), after: valuesOf(after) }]);
      return after;
    });
  }
}
