// Keeps the projection of the registry this subgraph needs (ESS status by SIRET), from what the registry publishes:
// idempotent, order-proof (an older message never overwrites a newer one), one transaction with its audit.
import { BadInputError, isUuid, recordAudit, type AuditEntry, type FieldProblem, type RequestContext, assertAdmin } from '@ess/kit';
import { In, type DataSource } from 'typeorm';
import { SCHEMA } from '../common/columns';
import { compactIdentifier, siretProblem } from '../common/identifiers';
import type { EssActorInput } from './dto/ess-actor.input';
import { EssActor } from './ess-actor.entity';
import type { EssActorSyncReport, EssActorSyncStatus } from './ess-sync.types';

export const MAX_SYNC_BATCH = 10_000;

const valuesOf = (e: Pick<EssActor, 'actorId' | 'name' | 'essMember' | 'inclusionType'>) => ({ actorId: e.actorId, name: e.name, essMember: e.essMember, inclusionType: e.inclusionType });

export class EssSyncService {
  constructor(private readonly dataSource: DataSource) {}

  async sync(context: RequestContext, inputs: EssActorInput[]): Promise<EssActorSyncReport> {
    assertAdmin(context);
    if (inputs.length > MAX_SYNC_BATCH) throw BadInputError.field('actors', `send at most ${MAX_SYNC_BATCH} actors at a time`);
    const problems: FieldProblem[] = [];
    const seen = new Map<string, number>();
    const items = inputs.map((input, i) => {
      const siret = compactIdentifier(input.siret);
      const problem = siretProblem(siret);
      if (problem) problems.push({ field: `actors.${i}.siret`, message: problem });
      if (!isUuid(input.actorId)) problems.push({ field: `actors.${i}.actorId`, message: 'must be the registry id (a UUID)' });
      if (!/^[A-Z_]{1,20}$/.test(input.inclusionType)) problems.push({ field: `actors.${i}.inclusionType`, message: 'must be a registry inclusion type such as NONE, ESAT or ACI' });
      if (input.name && input.name.length > 300) problems.push({ field: `actors.${i}.name`, message: 'must be at most 300 characters' });
      if (seen.has(siret)) problems.push({ field: `actors.${i}.siret`, message: `${siret} is already in this batch (actors.${seen.get(siret)})` });
      seen.set(siret, i);
      return { ...input, siret, name: input.name?.trim() || null, updatedAt: input.updatedAt ?? null };
    });
    if (problems.length) throw new BadInputError(problems);

    return this.dataSource.transaction(async (manager) => {
      // The rows of these SIRETs, and the rows of these actors under another SIRET (an actor has one SIRET at a time:
      // a new one replaces the old one in the projection).
      const rows = items.length
        ? await manager.getRepository(EssActor).find({
            where: [{ siret: In(items.map((i) => i.siret)) }, { actorId: In(items.map((i) => i.actorId)) }],
            lock: { mode: 'pessimistic_write' },
          })
        : [];
      const stored = new Map(rows.map((e) => [e.siret, e]));
      const storedByActor = new Map(rows.map((e) => [e.actorId, e]));
      const report: EssActorSyncReport = { received: items.length, inserted: 0, updated: 0, unchanged: 0, removed: 0, stale: 0 };
      const upserts: typeof items = [];
      const removals: string[] = [];
      const audit: AuditEntry[] = [];
      for (const item of items) {
        const before = stored.get(item.siret);
        if (before?.sourceUpdatedAt && item.updatedAt && item.updatedAt < before.sourceUpdatedAt) {
          report.stale++;
          continue;
        }
        if (item.removed) {
          if (before) {
            removals.push(item.siret);
            report.removed++;
            audit.push({ entity: 'EssActor', entityId: item.siret, action: 'delete', before: valuesOf(before) });
          } else report.unchanged++;
          continue;
        }
        const previous = storedByActor.get(item.actorId);
        if (previous && previous.siret !== item.siret && !removals.includes(previous.siret)) {
          // The actor's SIRET changed in the registry: unless this message is older than the one that set the current
          // SIRET, the old SIRET leaves the projection.
          if (previous.sourceUpdatedAt && item.updatedAt && item.updatedAt < previous.sourceUpdatedAt) {
            report.stale++;
            continue;
          }
          removals.push(previous.siret);
          report.removed++;
          audit.push({ entity: 'EssActor', entityId: previous.siret, action: 'delete', before: valuesOf(previous) });
        }
        const after = valuesOf(item);
        if (before && JSON.stringify(valuesOf(before)) === JSON.stringify(after)) {
          report.unchanged++;
          continue;
        }
        upserts.push(item);
        if (before) report.updated++;
        else report.inserted++;
        audit.push({ entity: 'EssActor', entityId: item.siret, action: before ? 'update' : 'create', before: before ? valuesOf(before) : undefined, after });
      }
      if (removals.length) await manager.query(`DELETE FROM procurement.ess_actor WHERE siret = ANY($1)`, [removals]);
      if (upserts.length) {
        await manager.query(
          `INSERT INTO procurement.ess_actor (siret, actor_id, name, ess_member, inclusion_type, source_updated_at, synced_at)
           SELECT r.siret, r.actor_id, r.name, r.ess_member, r.inclusion_type, r.source_updated_at, now()
           FROM jsonb_to_recordset($1::jsonb) AS r(siret text, actor_id uuid, name text, ess_member boolean, inclusion_type text, source_updated_at timestamptz)
           ON CONFLICT (siret) DO UPDATE SET actor_id = EXCLUDED.actor_id, name = EXCLUDED.name, ess_member = EXCLUDED.ess_member,
             inclusion_type = EXCLUDED.inclusion_type, source_updated_at = EXCLUDED.source_updated_at, synced_at = now()`,
          [
            JSON.stringify(
              upserts.map((u) => ({ siret: u.siret, actor_id: u.actorId, name: u.name, ess_member: u.essMember, inclusion_type: u.inclusionType, source_updated_at: u.updatedAt?.toISOString() ?? null })),
            ),
          ],
        );
      }
      for (let i = 0; i < audit.length; i += 1000) await recordAudit(manager, SCHEMA, context, audit.slice(i, i + 1000));
      return report;
    });
  }

  async status(): Promise<EssActorSyncStatus> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count, (count(*) FILTER (WHERE ess_member))::int AS ess_count, max(synced_at) AS last FROM procurement.ess_actor`,
    );
    return { actors: row.count, essMembers: row.ess_count, lastSyncedAt: row.last ? new Date(row.last) : null };
  }
}
