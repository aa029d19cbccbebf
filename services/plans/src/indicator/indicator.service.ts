// Indicators and their dated values: rules (dates, the action in the plan), versioned edits, one audit record each.
import { BadInputError, isUuid, paginate, recordAudit, type Page, type PageArgs, type RequestContext, assertCanWrite } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { planAuthorities } from '../common/access';
import { assertVersion, lockRow, referenced, writeVersioned } from '@ess/kit';
import { cleanText, isRealDate, merged, Problems, today } from '@ess/kit';
import { Action } from '../action/action.entity';
import { Plan } from '../plan/plan.entity';
import type { CreateIndicatorInput, IndicatorFieldsInput, IndicatorValueInput, UpdateIndicatorInput } from './dto/indicator.input';
import { Indicator, indicatorValues } from './indicator.entity';

const SCHEMA = 'plans';

type IndicatorFields = Pick<Indicator, 'actionId' | 'title' | 'description' | 'unit' | 'baseline' | 'baselineOn' | 'target' | 'targetOn'>;
const FIELD_KEYS: Array<keyof IndicatorFields> = ['actionId', 'title', 'description', 'unit', 'baseline', 'baselineOn', 'target', 'targetOn'];

function changesOf(input: IndicatorFieldsInput): Partial<Record<keyof IndicatorFields, unknown>> {
  return {
    actionId: input.actionId,
    title: input.title === undefined ? undefined : (cleanText(input.title) ?? null),
    description: cleanText(input.description),
    unit: input.unit === undefined ? undefined : (cleanText(input.unit) ?? null),
    baseline: input.baseline,
    baselineOn: input.baselineOn,
    target: input.target,
    targetOn: input.targetOn,
  };
}

export function indicatorProblems(values: IndicatorFields): Problems {
  const problems = new Problems();
  problems.required('title', values.title);
  problems.required('unit', values.unit);
  if (values.baseline == null) problems.add('baseline', 'is required');
  if (values.target == null) problems.add('target', 'is required');
  problems.required('baselineOn', values.baselineOn);
  problems.required('targetOn', values.targetOn);
  problems.date('baselineOn', values.baselineOn);
  problems.date('targetOn', values.targetOn);
  if (values.baselineOn && values.targetOn && values.targetOn <= values.baselineOn) problems.add('targetOn', `must be after baselineOn (${values.baselineOn})`);
  return problems;
}

interface StoredValue {
  measuredOn: string;
  value: number;
  comment: string | null;
}

export class IndicatorService {
  constructor(private readonly dataSource: DataSource) {}

  list(planId: string | null | undefined, page: PageArgs): Promise<Page<Indicator>> {
    if (planId != null && !isUuid(planId)) throw BadInputError.field('planId', 'is not a plan id');
    const query = this.dataSource.getRepository(Indicator).createQueryBuilder('indicator');
    if (planId) query.andWhere('indicator.plan_id = :planId', { planId });
    return paginate(query, page, { expression: 'indicator.title', value: (i) => i.title, direction: 'ASC', id: 'indicator.id', idValue: (i) => i.id });
  }

  async create(context: RequestContext, input: CreateIndicatorInput): Promise<Indicator> {
    const empty = { actionId: null, title: '', description: null, unit: '', baseline: null, baselineOn: '', target: null, targetOn: '' } as unknown as IndicatorFields;
    const values = merged(empty, changesOf(input));
    indicatorProblems(values).throwIfAny();
    return this.dataSource.transaction(async (manager) => {
      const plan = await referenced(manager, Plan, input.planId, 'planId', 'a plan');
      assertCanWrite(context, await planAuthorities(manager, plan.id));
      await this.checkAction(manager, plan.id, values.actionId);
      const result = await manager.insert(Indicator, { ...values, planId: plan.id });
      const indicator = await manager.findOneByOrFail(Indicator, { id: (result.identifiers[0] as { id: string }).id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Indicator', entityId: indicator.id, action: 'create', after: indicatorValues(indicator) }]);
      return indicator;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdateIndicatorInput): Promise<Indicator> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Indicator, 'Indicator', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Indicator', before, version);
      const values = merged<IndicatorFields>(before, changesOf(input));
      const problems = indicatorProblems(values);
      if (values.baselineOn !== before.baselineOn && values.baselineOn) {
        const [{ earlier }] = await manager.query('SELECT EXISTS (SELECT 1 FROM plans.indicator_value WHERE indicator_id = $1 AND measured_on < $2) AS earlier', [id, values.baselineOn]);
        if (earlier) problems.add('baselineOn', 'values were measured before this date');
      }
      problems.throwIfAny();
      if (values.actionId !== before.actionId) await this.checkAction(manager, before.planId, values.actionId);
      const after = await writeVersioned(manager, Indicator, 'Indicator', id, version, Object.fromEntries(FIELD_KEYS.map((k) => [k, values[k]])));
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Indicator', entityId: id, action: 'update', before: indicatorValues(before), after: indicatorValues(after) }]);
      return after;
    });
  }

  async delete(context: RequestContext, id: string, version: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Indicator, 'Indicator', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Indicator', before, version);
      await manager.query('DELETE FROM plans.indicator WHERE id = $1', [id]);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Indicator', entityId: id, action: 'delete', before: indicatorValues(before) }]);
      return true;
    });
  }

  /** Records the value measured on a date (replacing that date's value); the indicator's version moves on. */
  async recordValue(context: RequestContext, id: string, version: number, input: IndicatorValueInput): Promise<Indicator> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Indicator, 'Indicator', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Indicator', before, version);
      const problems = new Problems();
      problems.required('measuredOn', input.measuredOn);
      problems.date('measuredOn', input.measuredOn);
      if (!problems.any && input.measuredOn < before.baselineOn) problems.add('measuredOn', `must be on or after the baseline date (${before.baselineOn})`);
      if (!problems.any && input.measuredOn > today()) problems.add('measuredOn', 'cannot be in the future');
      if (!Number.isFinite(input.value)) problems.add('value', 'must be a number');
      problems.throwIfAny();
      const previous = await this.valueOn(manager, id, input.measuredOn);
      await manager.query(
        `INSERT INTO plans.indicator_value (indicator_id, measured_on, value, comment) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT indicator_value_date_key DO UPDATE SET value = EXCLUDED.value, comment = EXCLUDED.comment`,
        [id, input.measuredOn, input.value, cleanText(input.comment) ?? null],
      );
      const after = await writeVersioned(manager, Indicator, 'Indicator', id, version, {});
      const current = await this.valueOn(manager, id, input.measuredOn);
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'Indicator', entityId: id, action: 'update', before: { value: previous, version: before.version }, after: { value: current, version: after.version } },
      ]);
      return after;
    });
  }

  async removeValue(context: RequestContext, id: string, version: number, measuredOn: string): Promise<Indicator> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Indicator, 'Indicator', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Indicator', before, version);
      const previous = await this.valueOn(manager, id, measuredOn);
      if (!previous) throw BadInputError.field('measuredOn', 'the indicator has no value on this date');
      await manager.query('DELETE FROM plans.indicator_value WHERE indicator_id = $1 AND measured_on = $2', [id, measuredOn]);
      const after = await writeVersioned(manager, Indicator, 'Indicator', id, version, {});
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'Indicator', entityId: id, action: 'update', before: { value: previous, version: before.version }, after: { value: null, version: after.version } },
      ]);
      return after;
    });
  }

  private async valueOn(manager: EntityManager, id: string, measuredOn: string): Promise<StoredValue | null> {
    if (!isRealDate(measuredOn)) return null;
    const rows: Array<{ measured_on: string; value: string; comment: string | null }> = await manager.query(
      'SELECT measured_on::text, value::text, comment FROM plans.indicator_value WHERE indicator_id = $1 AND measured_on = $2',
      [id, measuredOn],
    );
    return rows[0] ? { measuredOn: rows[0].measured_on, value: Number(rows[0].value), comment: rows[0].comment } : null;
  }

  private async checkAction(manager: EntityManager, planId: string, actionId: string | null): Promise<void> {
    if (!actionId) return;
    const action = await referenced(manager, Action, actionId, 'actionId', 'an action');
    if (action.planId !== planId) throw BadInputError.field('actionId', 'is an action of another plan');
  }
}
