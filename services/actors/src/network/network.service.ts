// Networks and their members: who may change them, versioned edits, membership links, all audited.
import { isUuid, BadInputError, assertCanWrite, findOrFail, lockForEdit, paginate, recordAudit, writeVersioned, type Page, type PageArgs, type RequestContext } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../actor/actor.entity';
import type { NetworkInput } from './dto/network.input';
import { Network, NetworkKind, NetworkMembership } from './network.entity';

const SCHEMA = 'actors';

/** A departmental network belongs to its authority's staff; a regional or national one to admins. */
export class NetworkService {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: { kind?: NetworkKind; authority?: string } = {}, page: PageArgs): Promise<Page<Network>> {
    const query = this.dataSource.getRepository(Network).createQueryBuilder('network');
    if (filter.kind) query.andWhere('network.kind = :kind', { kind: filter.kind });
    if (filter.authority) query.andWhere('network.authority_code = :authority', { authority: filter.authority });
    return paginate(query, page, { expression: 'network.name', value: (n) => n.name, direction: 'ASC', id: 'network.id', idValue: (n) => n.id });
  }

  async create(context: RequestContext, input: NetworkInput): Promise<Network> {
    if (!input.name?.trim()) throw BadInputError.field('name', 'is required');
    if (!input.kind) throw BadInputError.field('kind', 'is required');
    assertCanWrite(context, input.authority ?? null);
    return this.dataSource.transaction(async (manager) => {
      await this.checkCarrier(manager, input.carrierActorId);
      await this.checkNameFree(manager, input.name as string, null);
      const network = manager.create(Network, {
        name: input.name?.trim(),
        acronym: input.acronym ?? null,
        kind: input.kind,
        authorityCode: input.authority ?? null,
        description: input.description ?? null,
        website: input.website ?? null,
        carrierActorId: input.carrierActorId ?? null,
      });
      const saved = await manager.save(network);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Network', entityId: saved.id, action: 'create', after: saved }]);
      return saved;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: NetworkInput): Promise<Network> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockForEdit(manager, Network, 'Network', id, version, (network) => assertCanWrite(context, network.authorityCode));
      if (input.authority !== undefined && input.authority !== before.authorityCode) assertCanWrite(context, input.authority);
      if (input.name !== undefined && !input.name.trim()) throw BadInputError.field('name', 'is required');
      if (input.name) await this.checkNameFree(manager, input.name, id);
      if (input.carrierActorId !== undefined) await this.checkCarrier(manager, input.carrierActorId);
      const changes: Partial<Network> = {};
      if (input.name !== undefined) changes.name = input.name.trim();
      if (input.acronym !== undefined) changes.acronym = input.acronym;
      if (input.kind) changes.kind = input.kind;
      if (input.authority !== undefined) changes.authorityCode = input.authority;
      if (input.description !== undefined) changes.description = input.description;
      if (input.website !== undefined) changes.website = input.website;
      if (input.carrierActorId !== undefined) changes.carrierActorId = input.carrierActorId;
      const after = await writeVersioned(manager, Network, 'Network', id, version, changes);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Network', entityId: id, action: 'update', before, after }]);
      return after;
    });
  }

  /** Adds an actor to a network; staff of the actor's authority may do it. Adding twice changes nothing. */
  async addMember(context: RequestContext, networkId: string, actorId: string, joinedOn: string | null): Promise<Network> {
    return this.dataSource.transaction(async (manager) => {
      const network = await findOrFail(manager, Network, 'Network', networkId);
      const actor = await findOrFail(manager, Actor, 'Actor', actorId);
      this.assertCanLink(context, network, actor);
      if (!(await manager.existsBy(NetworkMembership, { networkId, actorId }))) {
        await manager.createQueryBuilder().insert().into(NetworkMembership).values({ networkId, actorId, joinedOn }).orIgnore().execute();
        await recordAudit(manager, SCHEMA, context, [{ entity: 'Actor', entityId: actorId, action: 'link', after: { networkId, joinedOn } }]);
      }
      return network;
    });
  }

  async removeMember(context: RequestContext, networkId: string, actorId: string): Promise<Network> {
    return this.dataSource.transaction(async (manager) => {
      const network = await findOrFail(manager, Network, 'Network', networkId);
      const actor = await findOrFail(manager, Actor, 'Actor', actorId);
      this.assertCanLink(context, network, actor);
      const result = await manager.delete(NetworkMembership, { networkId, actorId });
      if (result.affected) await recordAudit(manager, SCHEMA, context, [{ entity: 'Actor', entityId: actorId, action: 'unlink', before: { networkId } }]);
      return network;
    });
  }

  private assertCanLink(context: RequestContext, network: Network, actor: Actor): void {
    // Staff of the actor's authority, or of the network's own (a network of no authority grants no one a link).
    const owners = network.authorityCode === null ? [actor.authorityCode] : [actor.authorityCode, network.authorityCode];
    assertCanWrite(context, owners, `You cannot change the networks of actors of authority ${actor.authorityCode}`);
  }

  private async checkCarrier(manager: EntityManager, actorId: string | null | undefined): Promise<void> {
    if (!actorId) return;
    if (!isUuid(actorId) || !(await manager.existsBy(Actor, { id: actorId }))) throw BadInputError.field('carrierActorId', 'is not an actor of the registry');
  }

  private async checkNameFree(manager: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const other = await manager.getRepository(Network).createQueryBuilder('n').where('lower(n.name) = lower(:name)', { name: name.trim() }).getOne();
    if (other && other.id !== exceptId) throw BadInputError.field('name', `a network called ${other.name} already exists`);
  }
}
