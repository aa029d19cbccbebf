// The log of reads of contact data: every contact the graph hands out is recorded, a whole request's reads in one INSERT.
import { describeIdentity, type RequestContext } from '@ess/kit';
import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import type { Contact } from '../contact/contact.entity';
import type { AccessPurpose } from './personal-data-access.entity';

export interface ContactAccess {
  contactId: string;
  actorId: string;
}

export interface ContactRead extends ContactAccess {
  who: string;
  requestId: string;
}

/** Appends one access row per contact, all in one statement. */
export function recordContactAccesses(
  db: DataSource | EntityManager,
  context: Pick<RequestContext, 'identity' | 'requestId'>,
  accesses: readonly ContactAccess[],
  purpose: AccessPurpose,
): Promise<void> {
  return insertAccesses(db, describeIdentity(context.identity), context.requestId, purpose, accesses);
}

async function insertAccesses(db: DataSource | EntityManager, who: string, requestId: string, purpose: AccessPurpose, accesses: readonly ContactAccess[]): Promise<void> {
  if (!accesses.length) return;
  await db.query(
    `INSERT INTO actors.personal_data_access (who, request_id, purpose, contact_id, actor_id)
     SELECT $1, $2, $3, t.contact_id, t.actor_id FROM unnest($4::uuid[], $5::uuid[]) AS t(contact_id, actor_id)`,
    [who, requestId, purpose, accesses.map((a) => a.contactId), accesses.map((a) => a.actorId)],
  );
}

/**
 * Per request: collects the contacts the resolvers are about to return and logs them together (one INSERT for a list
 * of actors, not one per contact); a contact read twice in a request is logged once.
 */
export function contactReadRecorder(dataSource: DataSource): DataLoader<ContactRead, true, string> {
  return new DataLoader<ContactRead, true, string>(
    async (reads) => {
      // Loaders are per request, so one caller in practice; grouping keeps it right if that ever changes.
      const groups = new Map<string, ContactRead[]>();
      for (const read of reads) groups.set(`${read.who}|${read.requestId}`, [...(groups.get(`${read.who}|${read.requestId}`) ?? []), read]);
      for (const group of groups.values()) {
        await insertAccesses(dataSource, group[0].who, group[0].requestId, 'read', group);
      }
      return reads.map(() => true as const);
    },
    { cacheKeyFn: (read) => `${read.who}|${read.requestId}|${read.contactId}` },
  );
}

/** Logs the reads of these contacts before they are returned: if the log cannot be written, the data is not shown. */
export async function recordContactReads(
  context: RequestContext<{ contactReadRecorder: DataLoader<ContactRead, true, string> }>,
  contacts: readonly Contact[],
): Promise<void> {
  const who = describeIdentity(context.identity);
  await Promise.all(contacts.map((c) => context.loaders.contactReadRecorder.load({ contactId: c.id, actorId: c.actorId, who, requestId: context.requestId })));
}
