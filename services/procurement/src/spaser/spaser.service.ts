// SPASER plans and their objectives: who may write (staff of the plan's authority), period and target rules, versioned
// edits audited on the plan (so its history shows objectives coming and going), and the shared indicator kinds.
import { BadInputError, lockForEdit, lockRow, paginate, recordAudit, writeVersioned, type FieldProblem, type Page, type PageArgs, type RequestContext, assertAdmin, assertCanWrite } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { authorityCodes } from '../common/authority';
import { SCHEMA } from '../common/columns';
import { addDays, isCalendarDate, todayIso } from '../common/identifiers';
import type { CreateSpaserPlanInput, IndicatorKindInput, SpaserObjectiveInput, SpaserPlanFieldsInput, SpaserPlanFilter } from './dto/spaser.input';
import { IndicatorKind, IndicatorUnit, SpaserObjective, SpaserPlan, SpaserStatus } from './spaser.entity';

interface PlanValues {
  title: string;
  status: SpaserStatus;
  adoptedOn: string | null;
  periodStart: number;
  periodEnd: number;
  description: string | null;
}

interface ObjectiveValues {
  indicatorKindCode: string;
  targetValue: number;
  targetYear: number;
  baselineValue: number | null;
  baselineYear: number | null;
  description: string | null;
}

const planValues = (p: SpaserPlan): PlanValues & { authorityCode: string } => ({
  authorityCode: p.authorityCode,
  title: p.title,
  status: p.status,
  adoptedOn: p.adoptedOn,
  periodStart: p.periodStart,
  periodEnd: p.periodEnd,
  description: p.description,
});

const objectiveValues = (o: SpaserObjective): ObjectiveValues & { id: string } => ({
  id: o.id,
  indicatorKindCode: o.indicatorKindCode,
  targetValue: o.targetValue,
  targetYear: o.targetYear,
  baselineValue: o.baselineValue,
  baselineYear: o.baselineYear,
  description: o.description,
});

function planProblems(v: PlanValues, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!v.title?.trim()) out.push({ field: 'title', message: 'is required' });
  if (!v.status) out.push({ field: 'status', message: 'is required' });
  if (v.periodStart == null) out.push({ field: 'periodStart', message: 'is required' });
  if (v.periodEnd == null) out.push({ field: 'periodEnd', message: 'is required' });
  if (v.periodStart != null && v.periodEnd != null) {
    if (v.periodEnd < v.periodStart) out.push({ field: 'periodEnd', message: `must not be before periodStart (${v.periodStart})` });
    else if (v.periodEnd - v.periodStart > 10) out.push({ field: 'periodEnd', message: 'a SPASER covers at most 10 years' });
  }
  if (v.status && v.status !== SpaserStatus.PLANNED && !v.adoptedOn) out.push({ field: 'adoptedOn', message: `is required once the plan is ${v.status.toLowerCase().replace('_', ' ')}` });
  if (v.adoptedOn) {
    if (!isCalendarDate(v.adoptedOn)) out.push({ field: 'adoptedOn', message: 'must be a date like 2024-03-08' });
    else if (v.adoptedOn > addDays(today, 1)) out.push({ field: 'adoptedOn', message: 'is in the future: keep the plan PLANNED until the assembly adopts it' });
    else if (v.adoptedOn < '2015-01-01') out.push({ field: 'adoptedOn', message: 'is before 2015 (SPASERs date from the 2014 ESS law)' });
  }
  return out;
}

function objectiveProblems(v: ObjectiveValues, kind: IndicatorKind | null): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!v.indicatorKindCode) out.push({ field: 'indicatorKind', message: 'is required' });
  else if (!kind) out.push({ field: 'indicatorKind', message: `${v.indicatorKindCode} is not an indicator kind (see indicatorKinds)` });
  if (v.targetValue == null) out.push({ field: 'targetValue', message: 'is required' });
  else if (v.targetValue < 0) out.push({ field: 'targetValue', message: 'must not be negative' });
  else if (kind?.unit === IndicatorUnit.PERCENT && v.targetValue > 100) out.push({ field: 'targetValue', message: 'is a percentage: at most 100' });
  if (v.targetYear == null) out.push({ field: 'targetYear', message: 'is required' });
  if ((v.baselineValue === null) !== (v.baselineYear === null)) out.push({ field: v.baselineValue === null ? 'baselineValue' : 'baselineYear', message: 'a baseline needs both a value and a year' });
  if (v.baselineYear !== null && v.targetYear != null && v.baselineYear >= v.targetYear) out.push({ field: 'baselineYear', message: `must be before the target year (${v.targetYear})` });
  if (v.baselineValue !== null && kind?.unit === IndicatorUnit.PERCENT && v.baselineValue > 100) out.push({ field: 'baselineValue', message: 'is a percentage: at most 100' });
  return out;
}

function isObjectiveKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return (e.code ?? e.driverError?.code) === '23505' && (e.constraint ?? e.driverError?.constraint) === 'spaser_objective_key';
}

export class SpaserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  list(filter: SpaserPlanFilter | null | undefined, page: PageArgs): Promise<Page<SpaserPlan>> {
    const query = this.dataSource.getRepository(SpaserPlan).createQueryBuilder('plan');
    const authorities = authorityCodes(filter?.authorities);
    if (authorities.length) query.andWhere('plan.authority_code IN (:...authorities)', { authorities });
    if (filter?.statuses?.length) query.andWhere('plan.status IN (:...statuses)', { statuses: filter.statuses });
    return paginate(query, page, { expression: 'plan.period_start', value: (p) => p.periodStart, direction: 'DESC', id: 'plan.id', idValue: (p) => p.id });
  }

  listKinds(page: PageArgs): Promise<Page<IndicatorKind>> {
    const query = this.dataSource.getRepository(IndicatorKind).createQueryBuilder('kind');
    return paginate(query, page, { expression: 'kind.code', value: (k) => k.code, direction: 'ASC', id: 'kind.code', idValue: (k) => k.code });
  }

  async create(context: RequestContext, input: CreateSpaserPlanInput): Promise<SpaserPlan> {
    const authority = input.authority.trim().toUpperCase();
    const values: PlanValues = {
      title: input.title?.trim() as string,
      status: input.status as SpaserStatus,
      adoptedOn: input.adoptedOn ?? null,
      periodStart: input.periodStart as number,
      periodEnd: input.periodEnd as number,
      description: input.description?.trim() || null,
    };
    assertCanWrite(context, authority);
    const problems = planProblems(values, todayIso(this.clock()));
    if (problems.length) throw new BadInputError(problems);
    return this.dataSource.transaction(async (manager) => {
      const plan = await manager.save(manager.create(SpaserPlan, { ...values, authorityCode: authority }));
      await recordAudit(manager, SCHEMA, context, [{ entity: 'SpaserPlan', entityId: plan.id, action: 'create', after: planValues(plan) }]);
      return plan;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: SpaserPlanFieldsInput): Promise<SpaserPlan> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockPlan(manager, context, id, version);
      const values: PlanValues = {
        title: input.title !== undefined ? input.title?.trim() : before.title,
        status: input.status ?? before.status,
        adoptedOn: input.adoptedOn !== undefined ? input.adoptedOn : before.adoptedOn,
        periodStart: input.periodStart ?? before.periodStart,
        periodEnd: input.periodEnd ?? before.periodEnd,
        description: input.description !== undefined ? input.description?.trim() || null : before.description,
      };
      const problems = planProblems(values, todayIso(this.clock()));
      if (problems.length) throw new BadInputError(problems);
      const after = await writeVersioned(manager, SpaserPlan, 'SpaserPlan', id, version, { ...values });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'SpaserPlan', entityId: id, action: 'update', before: planValues(before), after: planValues(after) }]);
      return after;
    });
  }

  /** Adds a target to a plan; the plan's version moves (its objectives are part of it). */
  async addObjective(context: RequestContext, planId: string, planVersion: number, input: SpaserObjectiveInput): Promise<SpaserPlan> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.lockPlan(manager, context, planId, planVersion);
      const values: ObjectiveValues = {
        indicatorKindCode: input.indicatorKind?.trim() as string,
        targetValue: input.targetValue as number,
        targetYear: input.targetYear as number,
        baselineValue: input.baselineValue ?? null,
        baselineYear: input.baselineYear ?? null,
        description: input.description?.trim() || null,
      };
      const kind = values.indicatorKindCode ? await manager.findOneBy(IndicatorKind, { code: values.indicatorKindCode }) : null;
      const problems = objectiveProblems(values, kind);
      if (problems.length) throw new BadInputError(problems);
      const objective = await manager.save(manager.create(SpaserObjective, { ...values, planId })).catch((error: unknown) => {
        if (isObjectiveKeyViolation(error)) throw BadInputError.field('targetYear', `the plan already has a ${values.indicatorKindCode} target for ${values.targetYear}`);
        throw error;
      });
      const after = await this.bumpPlan(manager, plan);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'SpaserPlan', entityId: planId, action: 'link', after: { objective: objectiveValues(objective) } }]);
      return after;
    });
  }

  async updateObjective(context: RequestContext, id: string, version: number, input: SpaserObjectiveInput): Promise<SpaserObjective> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockObjective(manager, context, id, version);
      const values: ObjectiveValues = {
        indicatorKindCode: input.indicatorKind !== undefined ? (input.indicatorKind?.trim() as string) : before.indicatorKindCode,
        targetValue: input.targetValue ?? before.targetValue,
        targetYear: input.targetYear ?? before.targetYear,
        baselineValue: input.baselineValue !== undefined ? input.baselineValue : before.baselineValue,
        baselineYear: input.baselineYear !== undefined ? input.baselineYear : before.baselineYear,
        description: input.description !== undefined ? input.description?.trim() || null : before.description,
      };
      const kind = values.indicatorKindCode ? await manager.findOneBy(IndicatorKind, { code: values.indicatorKindCode }) : null;
      const problems = objectiveProblems(values, kind);
      if (problems.length) throw new BadInputError(problems);
      const after = await writeVersioned(manager, SpaserObjective, 'SpaserObjective', id, version, { ...values }).catch((error: unknown) => {
        if (isObjectiveKeyViolation(error)) throw BadInputError.field('targetYear', `the plan already has a ${values.indicatorKindCode} target for ${values.targetYear}`);
        throw error;
      });
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'SpaserPlan', entityId: before.planId, action: 'update', before: { objective: objectiveValues(before) }, after: { objective: objectiveValues(after) } },
      ]);
      return after;
    });
  }

  async removeObjective(context: RequestContext, id: string, version: number): Promise<SpaserPlan> {
    return this.dataSource.transaction(async (manager) => {
      const objective = await this.lockObjective(manager, context, id, version);
      const plan = await lockRow(manager, SpaserPlan, 'SpaserPlan', objective.planId);
      await manager.delete(SpaserObjective, { id });
      const after = await this.bumpPlan(manager, plan);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'SpaserPlan', entityId: plan.id, action: 'unlink', before: { objective: objectiveValues(objective) } }]);
      return after;
    });
  }

  async createKind(context: RequestContext, input: IndicatorKindInput): Promise<IndicatorKind> {
    assertAdmin(context);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.findOneBy(IndicatorKind, { code: input.code })) throw BadInputError.field('code', `${input.code} already exists`);
      await manager.insert(IndicatorKind, { code: input.code, label: input.label.trim(), description: input.description?.trim() || null, unit: input.unit, computed: false });
      const kind = await manager.findOneByOrFail(IndicatorKind, { code: input.code });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'IndicatorKind', entityId: kind.code, action: 'create', after: { code: kind.code, label: kind.label, unit: kind.unit } }]);
      return kind;
    });
  }

  /** Locks a plan for a versioned edit (see the kit's versioned.ts): its authority's staff may write it. */
  private lockPlan(manager: EntityManager, context: RequestContext, id: string, version: number): Promise<SpaserPlan> {
    return lockForEdit(manager, SpaserPlan, 'SpaserPlan', id, version, (plan) => assertCanWrite(context, plan.authorityCode));
  }

  /** Locks an objective for a versioned edit; its plan's authority says who may write it. */
  private lockObjective(manager: EntityManager, context: RequestContext, id: string, version: number): Promise<SpaserObjective> {
    return lockForEdit(manager, SpaserObjective, 'SpaserObjective', id, version, async (objective) => {
      const plan = await manager.findOneByOrFail(SpaserPlan, { id: objective.planId });
      assertCanWrite(context, plan.authorityCode);
    });
  }

  private async bumpPlan(manager: EntityManager, plan: SpaserPlan): Promise<SpaserPlan> {
    await manager.createQueryBuilder().update(SpaserPlan).set({ version: () => 'version + 1' }).where('id = :id', { id: plan.id }).execute();
    return manager.findOneByOrFail(SpaserPlan, { id: plan.id });
  }
}
