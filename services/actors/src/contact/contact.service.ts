// Contacts are personal data: read only by staff of the actor's authority and keys with read:contacts; written by its editors.
import { BadInputError, canReadPersonalData, ForbiddenError, NotFoundError, hasScope, isUuid, recordAudit, lockForEdit, writeVersioned, assertCanWrite, idempotent, type Identity, type RequestContext } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../actor/actor.entity';
import { Contact } from './contact.entity';
import { scrubContactAudit } from '../personal-data/anonymise';
import type { ContactInput } from './dto/contact.input';

const SCHEMA = 'actors';

/** The kit's personal-data rule: staff of the actor's authority, keys with read:contacts issued for that authority. */
export function assertCanReadContacts(identity: Identity, actorAuthority: string): void {
  if (canReadPersonalData(identity, actorAuthority, 'read:contacts')) return;
  if (identity.kind === 'partner' && !hasScope(identity, 'read:contacts')) {
    throw new ForbiddenError('Contact data needs the read:contacts scope');
  }
  throw new ForbiddenError(`Contacts of authority ${actorAuthority} are not yours to see`);
}

function clean(value: string | null | undefined): string | null | undefined {
  return value === undefined || value === null ? value : value.trim() || null;
}

export class ContactService {
  constructor(private readonly dataSource: DataSource) {}

  async create(context: RequestContext, actorId: string, input: ContactInput, idempotencyKey?: string | null): Promise<Contact> {
    if (!input.firstName?.trim()) throw BadInputError.field('firstName', 'is required');
    if (!input.lastName?.trim()) throw BadInputError.field('lastName', 'is required');
    return this.dataSource.transaction(async (manager) => {
      const actor = isUuid(actorId) ? await manager.findOneBy(Actor, { id: actorId }) : null;
      if (!actor) throw new NotFoundError('Actor', actorId);
      assertCanWrite(context, actor.authorityCode);
      return idempotent(
        manager,
        { schema: SCHEMA, context, operation: 'createContact', key: idempotencyKey },
        async () => {
          const contact = await manager.save(
            manager.create(Contact, {
              actorId,
              firstName: input.firstName?.trim(),
              lastName: input.lastName?.trim(),
              role: clean(input.role) ?? null,
              email: clean(input.email)?.toLowerCase() ?? null,
              phone: clean(input.phone) ?? null,
            }),
          );
          await recordAudit(manager, SCHEMA, context, [{ entity: 'Contact', entityId: contact.id, action: 'create', after: contact }]);
          return contact;
        },
        (id) => manager.findOneBy(Contact, { id, actorId }),
      );
    });
  }

  async update(context: RequestContext, id: string, version: number, input: ContactInput): Promise<Contact> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lock(manager, context, id, version);
      // An erased person stays erased: new details make a new contact, not a revived one.
      if (before.erasedAt) throw BadInputError.field('id', 'this contact was erased and can no longer be changed');
      const changes: Partial<Contact> = {};
      if (input.firstName !== undefined) {
        if (!input.firstName?.trim()) throw BadInputError.field('firstName', 'is required');
        changes.firstName = input.firstName.trim();
      }
      if (input.lastName !== undefined) {
        if (!input.lastName?.trim()) throw BadInputError.field('lastName', 'is required');
        changes.lastName = input.lastName.trim();
      }
      if (input.role !== undefined) changes.role = clean(input.role) ?? null;
      if (input.email !== undefined) changes.email = clean(input.email)?.toLowerCase() ?? null;
      if (input.phone !== undefined) changes.phone = clean(input.phone) ?? null;
      const after = await writeVersioned(manager, Contact, 'Contact', id, version, changes);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Contact', entityId: id, action: 'update', before, after }]);
      return after;
    });
  }

  async delete(context: RequestContext, id: string, version: number): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lock(manager, context, id, version);
      await manager.delete(Contact, { id });
      // Personal data does not outlive the contact: its history keeps who changed what, without the values.
      await scrubContactAudit(manager, [id]);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Contact', entityId: id, action: 'delete', before: { actorId: before.actorId, version: before.version } }]);
      return id;
    });
  }

  /** Locks the contact for the edit (see the kit's versioned.ts); its actor's authority says who may write it. */
  private lock(manager: EntityManager, context: RequestContext, id: string, version: number): Promise<Contact> {
    return lockForEdit(manager, Contact, 'Contact', id, version, async (contact) => {
      const actor = await manager.findOneByOrFail(Actor, { id: contact.actorId });
      assertCanWrite(context, actor.authorityCode);
    });
  }
}
