// Plans: the list, and the rules of their edits (who may, which authorities, dates and status), each edit audited.
import { BadInputError, ForbiddenError, canWrite, paginate, recordAudit, type Page, type PageArgs, type RequestContext, assertCanWrite } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { planAuthorities } from '../common/access';
import { assertVersion, lockRow, writeVersioned } from '@ess/kit';
import { cleanText, merged, Problems } from '@ess/kit';
import { searchCondition } from '../common/search';
import type { CreatePlanInput, PlanFieldsInput, PlanFilter, UpdatePlanInput } from './dto/plan.input';
import { Plan, PlanAuthority, PlanStatus, planValues } from './plan.entity';

const SCHEMA = 'plans';

type PlanFields = Pick<Plan, 'title' | 'summary' | 'kindCode' | 'status' | 'adoptedOn' | 'decidingBody' | 'decisionReference' | 'startOn' | 'endOn'>;

const EMPTY: PlanFields = {
  title: '',
  summary: null,
  kindCode: 'ESS_PLAN',
  status: PlanStatus.DRAFT,
  adoptedOn: null,
  decidingBody: null,
  decisionReference: null,
  startOn: null,
  endOn: null,
};

function changesOf(input: PlanFieldsInput): Partial<Record<keyof PlanFields, unknown>> {
  return {
    title: input.title === undefined ? undefined : (cleanText(input.title) ?? null),
    summary: cleanText(input.summary),
    kindCode: input.kind,
    status: input.status,
    adoptedOn: input.adoptedOn,
    decidingBody: cleanText(input.decidingBody),
    decisionReference: cleanText(input.decisionReference),
    startOn: input.startOn,
    endOn: input.endOn,
  };
}

/** The consistency rules of a plan's fields, each problem naming its field. */
export function planProblems(values: PlanFields, problems = new Problems()): Problems {
  problems.required('title', values.title);
  problems.required('kind', values.kindCode);
  problems.required('status', values.status);
  problems.date('adoptedOn', values.adoptedOn);
  problems.date('startOn', values.startOn);
  problems.date('endOn', values.endOn);
  problems.inOrder('startOn', values.startOn, 'endOn', values.endOn);
  if (values.status && values.status !== PlanStatus.DRAFT && !values.adoptedOn) problems.add('adoptedOn', 'is required once the plan is adopted');
  return problems;
}

export class PlanService {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: PlanFilter | null | undefined, page: PageArgs): Promise<Page<Plan>> {
    const query = this.dataSource.getRepository(Plan).createQueryBuilder('plan');
    if (filter?.authorities?.length) {
      query.andWhere('EXISTS (SELECT 1 FROM plans.plan_authority pa WHERE pa.plan_id = plan.id AND pa.authority_code IN (:...authorities))', { authorities: filter.authorities });
    }
    if (filter?.statuses?.length) query.andWhere('plan.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter?.kinds?.length) query.andWhere('plan.kind IN (:...kinds)', { kinds: filter.kinds });
    const search = searchCondition('plan', filter?.search);
    if (search) query.andWhere(...search);
    return paginate(query, page, { expression: 'plan.title', value: (p) => p.title, direction: 'ASC', id: 'plan.id', idValue: (p) => p.id });
  }

  async create(context: RequestContext, input: CreatePlanInput): Promise<Plan> {
    const values = merged(EMPTY, changesOf(input));
    const problems = planProblems(values);
    const authorities = [...new Set(input.authorities ?? [])];
    if (!authorities.length) problems.add('authorities', 'give at least one authority');
    problems.throwIfAny();
    const refused = authorities.filter((code) => !canWrite(context.identity, code));
    if (refused.length) throw new ForbiddenError(`You cannot create records of authority ${refused.join(' / ')}`);
    return this.dataSource.transaction(async (manager) => {
      await this.checkReferences(manager, values.kindCode, authorities);
      const result = await manager.insert(Plan, values);
      const id = (result.identifiers[0] as { id: string }).id;
      await manager.insert(PlanAuthority, authorities.map((authorityCode) => ({ planId: id, authorityCode })));
      const plan = await manager.findOneByOrFail(Plan, { id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Plan', entityId: id, action: 'create', after: planValues(plan, authorities.sort()) }]);
      return plan;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdatePlanInput): Promise<Plan> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Plan, 'Plan', id);
      const current = await planAuthorities(manager, id);
      assertCanWrite(context, current);
      assertVersion('Plan', before, version);
      const values = merged<PlanFields>(before, changesOf(input));
      const problems = planProblems(values);
      const next = input.authorities ? [...new Set(input.authorities)].sort() : current;
      if (!next.length) problems.add('authorities', 'give at least one authority');
      problems.throwIfAny();
      const added = next.filter((code) => !current.includes(code));
      const removed = current.filter((code) => !next.includes(code));
      // Adding or removing an authority changes who owns the plan: the caller must be staff of each one touched.
      const refused = [...added, ...removed].filter((code) => !canWrite(context.identity, code));
      if (refused.length) throw new ForbiddenError(`You cannot add or remove authority ${refused.join(' / ')}`);
      await this.checkReferences(manager, values.kindCode, added);
      if (removed.length) {
        const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM plans.agreement WHERE plan_id = $1 AND authority_code = ANY($2)', [id, removed]);
        if (count > 0) throw BadInputError.field('authorities', `authority ${removed.join(' / ')} granted agreements of this plan; it cannot leave it`);
        await manager.query('DELETE FROM plans.plan_authority WHERE plan_id = $1 AND authority_code = ANY($2)', [id, removed]);
      }
      if (added.length) await manager.insert(PlanAuthority, added.map((authorityCode) => ({ planId: id, authorityCode })));
      const { title, summary, kindCode, status, adoptedOn, decidingBody, decisionReference, startOn, endOn } = values;
      const after = await writeVersioned(manager, Plan, 'Plan', id, version, { title, summary, kindCode, status, adoptedOn, decidingBody, decisionReference, startOn, endOn });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Plan', entityId: id, action: 'update', before: planValues(before, current), after: planValues(after, next) }]);
      return after;
    });
  }

  /** Deletes a plan that holds nothing yet (no axis, indicator or event): a plan with content is closed, not deleted. */
  async delete(context: RequestContext, id: string, version: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Plan, 'Plan', id);
      const current = await planAuthorities(manager, id);
      assertCanWrite(context, current);
      assertVersion('Plan', before, version);
      const [{ used }] = await manager.query(
        `SELECT (EXISTS (SELECT 1 FROM plans.axis WHERE plan_id = $1) OR EXISTS (SELECT 1 FROM plans.indicator WHERE plan_id = $1)
                 OR EXISTS (SELECT 1 FROM plans.event WHERE plan_id = $1)) AS used`,
        [id],
      );
      if (used) throw BadInputError.field('id', 'the plan has axes, indicators or events; close it instead');
      await manager.query('DELETE FROM plans.plan WHERE id = $1 AND version = $2', [id, version]);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Plan', entityId: id, action: 'delete', before: planValues(before, current) }]);
      return true;
    });
  }

  private async checkReferences(manager: EntityManager, kind: string, authorities: string[]): Promise<void> {
    const [{ kind_known, known }] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM plans.plan_kind WHERE code = $1) AS kind_known,
              ARRAY(SELECT code FROM plans.authority WHERE code = ANY($2)) AS known`,
      [kind, authorities],
    );
    const problems = new Problems();
    if (!kind_known) problems.add('kind', `${kind} is not a known plan kind (see planKinds)`);
    const unknown = authorities.filter((code) => !(known as string[]).includes(code));
    if (unknown.length) problems.add('authorities', `unknown authority ${unknown.join(', ')}`);
    problems.throwIfAny();
  }
}
