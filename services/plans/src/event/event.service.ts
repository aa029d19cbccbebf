// Events of plans: the list by date, and versioned, audited edits by staff of the plan's authorities.
import { paginate, recordAudit, type Page, type PageArgs, type RequestContext, assertCanWrite } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { planAuthorities } from '../common/access';
import { assertVersion, lockRow, referenced, writeVersioned } from '@ess/kit';
import { cleanText, merged, Problems } from '@ess/kit';
import { Plan } from '../plan/plan.entity';
import type { CreateEventInput, EventFieldsInput, EventFilter, UpdateEventInput } from './dto/event.input';
import { PlanEvent, eventValues } from './event.entity';

const SCHEMA = 'plans';

type EventFields = Pick<PlanEvent, 'title' | 'kind' | 'heldOn' | 'place' | 'description'>;
const FIELD_KEYS: Array<keyof EventFields> = ['title', 'kind', 'heldOn', 'place', 'description'];

function changesOf(input: EventFieldsInput): Partial<Record<keyof EventFields, unknown>> {
  return {
    title: input.title === undefined ? undefined : (cleanText(input.title) ?? null),
    kind: input.kind,
    heldOn: input.heldOn,
    place: cleanText(input.place),
    description: cleanText(input.description),
  };
}

function eventProblems(values: EventFields): Problems {
  const problems = new Problems();
  problems.required('title', values.title);
  problems.required('kind', values.kind);
  problems.required('heldOn', values.heldOn);
  problems.date('heldOn', values.heldOn);
  return problems;
}

export class EventService {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: EventFilter | null | undefined, page: PageArgs): Promise<Page<PlanEvent>> {
    const query = this.dataSource.getRepository(PlanEvent).createQueryBuilder('event');
    if (filter?.planId) query.andWhere('event.plan_id = :planId', { planId: filter.planId });
    if (filter?.authorities?.length) {
      query.andWhere('EXISTS (SELECT 1 FROM plans.plan_authority pa WHERE pa.plan_id = event.plan_id AND pa.authority_code IN (:...authorities))', { authorities: filter.authorities });
    }
    const problems = new Problems();
    problems.date('filter.from', filter?.from);
    problems.date('filter.to', filter?.to);
    problems.throwIfAny();
    if (filter?.from) query.andWhere('event.held_on >= :from', { from: filter.from });
    if (filter?.to) query.andWhere('event.held_on <= :to', { to: filter.to });
    return paginate(query, page, { expression: 'event.held_on', value: (e) => e.heldOn, direction: 'ASC', id: 'event.id', idValue: (e) => e.id });
  }

  async create(context: RequestContext, input: CreateEventInput): Promise<PlanEvent> {
    const values = merged({ title: '', kind: null, heldOn: null, place: null, description: null } as unknown as EventFields, changesOf(input));
    eventProblems(values).throwIfAny();
    return this.dataSource.transaction(async (manager) => {
      const plan = await referenced(manager, Plan, input.planId, 'planId', 'a plan');
      assertCanWrite(context, await planAuthorities(manager, plan.id));
      const result = await manager.insert(PlanEvent, { ...values, planId: plan.id });
      const event = await manager.findOneByOrFail(PlanEvent, { id: (result.identifiers[0] as { id: string }).id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Event', entityId: event.id, action: 'create', after: eventValues(event) }]);
      return event;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdateEventInput): Promise<PlanEvent> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, PlanEvent, 'Event', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Event', before, version);
      const values = merged<EventFields>(before, changesOf(input));
      eventProblems(values).throwIfAny();
      const after = await writeVersioned(manager, PlanEvent, 'Event', id, version, Object.fromEntries(FIELD_KEYS.map((k) => [k, values[k]])));
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Event', entityId: id, action: 'update', before: eventValues(before), after: eventValues(after) }]);
      return after;
    });
  }

  async delete(context: RequestContext, id: string, version: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, PlanEvent, 'Event', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Event', before, version);
      await manager.query('DELETE FROM plans.event WHERE id = $1', [id]);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Event', entityId: id, action: 'delete', before: eventValues(before) }]);
      return true;
    });
  }
}
