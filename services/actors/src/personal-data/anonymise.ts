// Erasure of contacts (RGPD): their personal values replaced in the contact table and in the audit log, set-based.
import { allowAuditRewrite, describeIdentity, type RequestContext } from '@ess/kit';
import type { EntityManager } from 'typeorm';

/** What an erased contact shows instead of a name: "Contact effacé". */
export const ERASED_FIRST_NAME = 'Contact';
export const ERASED_LAST_NAME = 'effacé';

/** The personal fields of a contact as the audit log stores them (the entity's property names), and what replaces them. */
const REPLACEMENTS = { firstName: ERASED_FIRST_NAME, lastName: ERASED_LAST_NAME, role: null, email: null, phone: null };
const PERSONAL_KEYS = Object.keys(REPLACEMENTS);

/** A jsonb expression: the object with each personal key it holds replaced ($2 holds the replacements), anything else as it is. */
function scrubbed(column: 'before' | 'after'): string {
  return `CASE WHEN jsonb_typeof(${column}) = 'object' THEN ${column} || coalesce(
      (SELECT jsonb_object_agg(k, $2::jsonb -> k) FROM jsonb_object_keys(${column}) AS k WHERE $2::jsonb ? k), '{}'::jsonb)
    ELSE ${column} END`;
}

/** Replaces the personal values of these contacts in the audit log (the one rewrite it allows); returns how many entries. */
export async function scrubContactAudit(manager: EntityManager, contactIds: string[]): Promise<number> {
  await allowAuditRewrite(manager);
  const [{ count }]: Array<{ count: number }> = await manager.query(
    `WITH rewritten AS (
       UPDATE actors.audit_log SET before = ${scrubbed('before')}, after = ${scrubbed('after')}
       WHERE entity = 'Contact' AND entity_id = ANY($1::text[]) AND (before ?| $3::text[] OR after ?| $3::text[])
       RETURNING 1
     ) SELECT count(*)::int AS count FROM rewritten`,
    [contactIds, JSON.stringify(REPLACEMENTS), PERSONAL_KEYS],
  );
  return count;
}

export interface Anonymised {
  contacts: Array<{ id: string; version: number; erasedAt: Date }>;
  auditEntriesAnonymised: number;
}

/**
 * Erases these contacts in the caller's transaction, one statement per step whatever their number: their audit entries
 * lose the personal values (the one rewrite the append-only log allows), the contacts keep only a placeholder, and one
 * `erase` entry per contact records who and why, with no personal data. The caller has locked and authorised them.
 */
export async function anonymiseContacts(
  manager: EntityManager,
  context: Pick<RequestContext, 'identity' | 'requestId'>,
  contactIds: string[],
  reason: string,
): Promise<Anonymised> {
  if (!contactIds.length) return { contacts: [], auditEntriesAnonymised: 0 };
  const count = await scrubContactAudit(manager, contactIds);
  const contacts: Array<{ id: string; version: number; erased_at: Date }> = await manager.query(
    `UPDATE actors.contact
     SET first_name = $2, last_name = $3, role = NULL, email = NULL, phone = NULL, erased_at = now(), updated_at = now(), version = version + 1
     WHERE id = ANY($1::uuid[]) AND erased_at IS NULL
     RETURNING id, version, erased_at`,
    [contactIds, ERASED_FIRST_NAME, ERASED_LAST_NAME],
  ).then((result: unknown) => rowsOf(result));
  await manager.query(
    `INSERT INTO actors.audit_log (who, request_id, entity, entity_id, action, before, after)
     SELECT $1, $2, 'Contact', t.id::text, 'erase', NULL, jsonb_build_object('reason', $3::text) FROM unnest($4::uuid[]) AS t(id)`,
    [describeIdentity(context.identity), context.requestId, reason, contacts.map((c) => c.id)],
  );
  return { contacts: contacts.map((c) => ({ id: c.id, version: c.version, erasedAt: c.erased_at })), auditEntriesAnonymised: count };
}

/** TypeORM answers an UPDATE … RETURNING with [rows, affected]. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
