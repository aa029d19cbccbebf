// Axes of a plan: creation at a place, edits, moves and deletions that renumber the plan's axes in one statement.
import { BadInputError, recordAudit, type RequestContext, assertCanWrite } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { planAuthorities } from '../common/access';
import { assertVersion, findOrFail, lockRow, referenced, writeVersioned } from '@ess/kit';
import { cleanText, Problems } from '@ess/kit';
import { Plan } from '../plan/plan.entity';
import { Axis, axisValues } from './axis.entity';
import type { CreateAxisInput, UpdateAxisInput } from './dto/axis.input';

const SCHEMA = 'plans';
/** Axes are a small, bounded list of their plan (no pagination). */
export const MAX_AXES = 20;

export class AxisService {
  constructor(private readonly dataSource: DataSource) {}

  async create(context: RequestContext, planId: string, input: CreateAxisInput): Promise<Axis> {
    const problems = new Problems();
    problems.required('title', input.title);
    problems.throwIfAny();
    return this.dataSource.transaction(async (manager) => {
      await referenced(manager, Plan, planId, 'planId', 'a plan');
      // The plan's row serializes every change to the order of its axes and actions.
      await lockRow(manager, Plan, 'Plan', planId);
      assertCanWrite(context, await planAuthorities(manager, planId));
      const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM plans.axis WHERE plan_id = $1', [planId]);
      if (count >= MAX_AXES) throw BadInputError.field('planId', `a plan has at most ${MAX_AXES} axes`);
      const position = input.position ?? count + 1;
      if (position > count + 1) throw BadInputError.field('position', `must be between 1 and ${count + 1}`);
      await manager.query('UPDATE plans.axis SET position = position + 1 WHERE plan_id = $1 AND position >= $2', [planId, position]);
      const result = await manager.insert(Axis, { planId, position, title: input.title.trim(), description: cleanText(input.description) ?? null });
      const axis = await manager.findOneByOrFail(Axis, { id: (result.identifiers[0] as { id: string }).id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Axis', entityId: axis.id, action: 'create', after: axisValues(axis) }]);
      return axis;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdateAxisInput): Promise<Axis> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Axis, 'Axis', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Axis', before, version);
      const problems = new Problems();
      if (input.title !== undefined) problems.required('title', input.title);
      problems.throwIfAny();
      const changes: Record<string, unknown> = {};
      if (input.title != null) changes.title = input.title.trim();
      if (input.description !== undefined) changes.description = cleanText(input.description) ?? null;
      const after = await writeVersioned(manager, Axis, 'Axis', id, version, changes);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Axis', entityId: id, action: 'update', before: axisValues(before), after: axisValues(after) }]);
      return after;
    });
  }

  /** Moves an axis to a position (1 = first); the axes in between shift by one, in one UPDATE. */
  async move(context: RequestContext, id: string, version: number, position: number): Promise<Axis> {
    return this.dataSource.transaction(async (manager) => {
      const peek = await findOrFail(manager, Axis, 'Axis', id);
      await lockRow(manager, Plan, 'Plan', peek.planId);
      const before = await lockRow(manager, Axis, 'Axis', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Axis', before, version);
      const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM plans.axis WHERE plan_id = $1', [before.planId]);
      if (!Number.isInteger(position) || position < 1 || position > count) throw BadInputError.field('position', `must be between 1 and ${count}`);
      if (position === before.position) return before;
      await manager.query(
        `UPDATE plans.axis SET
           position = CASE WHEN id = $1 THEN $3 WHEN $3 < $2 THEN position + 1 ELSE position - 1 END,
           version = CASE WHEN id = $1 THEN version + 1 ELSE version END,
           updated_at = CASE WHEN id = $1 THEN now() ELSE updated_at END
         WHERE plan_id = $4 AND (id = $1 OR position BETWEEN least($2::int, $3::int) AND greatest($2::int, $3::int))`,
        [id, before.position, position, before.planId],
      );
      const after = await manager.findOneByOrFail(Axis, { id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Axis', entityId: id, action: 'update', before: axisValues(before), after: axisValues(after) }]);
      return after;
    });
  }

  /** Deletes an axis without actions; the following axes move up. */
  async delete(context: RequestContext, id: string, version: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const peek = await findOrFail(manager, Axis, 'Axis', id);
      await lockRow(manager, Plan, 'Plan', peek.planId);
      const before = await lockRow(manager, Axis, 'Axis', id);
      assertCanWrite(context, await planAuthorities(manager, before.planId));
      assertVersion('Axis', before, version);
      const [{ used }] = await manager.query('SELECT EXISTS (SELECT 1 FROM plans.action WHERE axis_id = $1) AS used', [id]);
      if (used) throw BadInputError.field('id', 'the axis has actions: move or delete them first');
      await manager.query('DELETE FROM plans.axis WHERE id = $1', [id]);
      await manager.query('UPDATE plans.axis SET position = position - 1 WHERE plan_id = $1 AND position > $2', [before.planId, before.position]);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Axis', entityId: id, action: 'delete', before: axisValues(before) }]);
      return true;
    });
  }
}
