// Business rules of actors: who may write where, validation, versioned edits, search and the paginated list.
import { isUuid, BadInputError, assertCanWrite, lockForEdit, paginate, recordAudit, writeVersioned, idempotent, type Page, type PageArgs, type RequestContext } from '@ess/kit';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Actor } from './actor.entity';
import { isSiretViolation, siretTaken } from './actor.errors';
import { applyActorChanges, valuesOf, type ActorChanges, type ActorValues } from './actor.rules';
import { ActorOrderField, type ActorFilter, type ActorOrder } from './dto/actor.filter';

const SCHEMA = 'actors';

/** Turns what a person typed into a prefix tsquery: "économie soli" -> "économie:* & soli:*". */
export function searchQuery(text: string): string | null {
  const words = text.normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0).slice(0, 12);
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}

export class ActorService {
  constructor(private readonly dataSource: DataSource) {}

  private filtered(given?: ActorFilter | null): SelectQueryBuilder<Actor> {
    const filter = given ?? {}; // a client may send `filter: null`, which arrives as null, not undefined
    const query = this.dataSource.getRepository(Actor).createQueryBuilder('actor');
    if (!filter.includeArchived) query.andWhere('actor.archived_at IS NULL');
    if (filter.authorities?.length) query.andWhere('actor.authority_code IN (:...authorities)', { authorities: filter.authorities });
    if (filter.legalFamilies?.length) query.andWhere('actor.legal_family IN (:...families)', { families: filter.legalFamilies });
    if (filter.essMember != null) query.andWhere('actor.ess_member = :essMember', { essMember: filter.essMember });
    if (filter.essStatuses?.length) query.andWhere('actor.ess_status IN (:...essStatuses)', { essStatuses: filter.essStatuses });
    if (filter.esus === true) query.andWhere("actor.esus_approved_on > current_date - interval '5 years'");
    if (filter.esus === false) query.andWhere("(actor.esus_approved_on IS NULL OR actor.esus_approved_on <= current_date - interval '5 years')");
    if (filter.inclusionTypes?.length) query.andWhere('actor.inclusion_type IN (:...inclusionTypes)', { inclusionTypes: filter.inclusionTypes });
    if (filter.communeCodes?.length) query.andWhere('actor.commune_code IN (:...communes)', { communes: filter.communeCodes });
    if (filter.sector) query.andWhere(':sector = ANY(actor.sectors)', { sector: filter.sector.trim().toLowerCase() });
    if (filter.status) query.andWhere('actor.status = :status', { status: filter.status });
    if (filter.networkId != null) {
      if (!isUuid(filter.networkId)) throw BadInputError.field('filter.networkId', 'is not a network id');
      query.andWhere('EXISTS (SELECT 1 FROM actors.network_membership m WHERE m.actor_id = actor.id AND m.network_id = :networkId)', {
        networkId: filter.networkId,
      });
    }
    if (filter.search != null) {
      const tsquery = searchQuery(filter.search);
      if (tsquery) query.andWhere(`actor.search @@ to_tsquery('actors.french_unaccent', :tsquery)`, { tsquery });
    }
    return query;
  }

  list(filter: ActorFilter | null | undefined, order: ActorOrder | null | undefined, page: PageArgs): Promise<Page<Actor>> {
    const field = order?.field ?? ActorOrderField.NAME;
    const direction = order?.direction ?? 'ASC';
    const sort = {
      [ActorOrderField.NAME]: { expression: 'actor.name', value: (a: Actor) => a.name },
      [ActorOrderField.CREATED_AT]: { expression: 'actor.created_at', value: (a: Actor) => a.createdAt.toISOString() },
      [ActorOrderField.UPDATED_AT]: { expression: 'actor.updated_at', value: (a: Actor) => a.updatedAt.toISOString() },
    }[field];
    return paginate(this.filtered(filter), page, { ...sort, direction, id: 'actor.id', idValue: (a) => a.id });
  }

  async create(context: RequestContext, input: ActorChanges, idempotencyKey?: string | null): Promise<Actor> {
    const { values, problems } = applyActorChanges(null, input);
    if (problems.length) throw new BadInputError(problems);
    assertCanWrite(context, values.authorityCode);
    return this.dataSource.transaction((manager) =>
      idempotent(
        manager,
        { schema: SCHEMA, context, operation: 'createActor', key: idempotencyKey },
        async () => {
          await this.assertSiretFree(manager, values.siret, null);
          const actor = await this.insert(manager, values);
          await recordAudit(manager, SCHEMA, context, [{ entity: 'Actor', entityId: actor.id, action: 'create', after: valuesOf(actor) }]);
          return actor;
        },
        (id) => manager.findOneBy(Actor, { id }),
      ),
    );
  }

  async update(context: RequestContext, id: string, version: number, changes: ActorChanges): Promise<Actor> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockForEdit(manager, Actor, 'Actor', id, version, (actor) => assertCanWrite(context, actor.authorityCode));
      const { values, problems } = applyActorChanges(before, changes);
      if (problems.length) throw new BadInputError(problems);
      if (values.authorityCode !== before.authorityCode) assertCanWrite(context, values.authorityCode);
      if (values.siret !== before.siret) await this.assertSiretFree(manager, values.siret, id);
      const after = await this.write(manager, id, version, values);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Actor', entityId: id, action: 'update', before: valuesOf(before), after: valuesOf(after) }]);
      return after;
    });
  }

  /** Archives (or restores) an actor: it leaves the default lists but keeps its links and history. */
  async setArchived(context: RequestContext, id: string, version: number, archived: boolean): Promise<Actor> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockForEdit(manager, Actor, 'Actor', id, version, (actor) => assertCanWrite(context, actor.authorityCode));
      const after = await writeVersioned(manager, Actor, 'Actor', id, version, { archivedAt: archived ? () => 'now()' : null });
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'Actor', entityId: id, action: archived ? 'archive' : 'update', before: { archivedAt: before.archivedAt }, after: { archivedAt: after.archivedAt } },
      ]);
      return after;
    });
  }

  async assertSiretFree(manager: EntityManager, siret: string | null, exceptId: string | null): Promise<void> {
    if (!siret) return;
    const owner = await manager.getRepository(Actor).findOne({ where: { siret }, select: { id: true, name: true } });
    if (owner && owner.id !== exceptId) throw siretTaken(siret, owner.name);
  }

  async insert(manager: EntityManager, values: ActorValues): Promise<Actor> {
    try {
      const result = await manager.createQueryBuilder().insert().into(Actor).values(values).returning('id').execute();
      return manager.findOneByOrFail(Actor, { id: (result.raw as Array<{ id: string }>)[0].id });
    } catch (error) {
      if (isSiretViolation(error)) throw siretTaken(values.siret ?? '', 'another actor');
      throw error;
    }
  }

  /** Writes new values guarded by the version read (see the kit's versioned.ts); a SIRET taken meanwhile is the caller's. */
  async write(manager: EntityManager, id: string, version: number, values: ActorValues): Promise<Actor> {
    try {
      return await writeVersioned(manager, Actor, 'Actor', id, version, { ...values });
    } catch (error) {
      if (isSiretViolation(error)) throw siretTaken(values.siret ?? '', 'another actor');
      throw error;
    }
  }
}
