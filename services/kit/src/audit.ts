// The history of every record: who changed what, when, before and after, written in the mutation's own transaction.
import type { EntityManager } from 'typeorm';
import type { RequestContext } from './context';
import { describeIdentity } from './identity';

export type AuditAction = 'create' | 'update' | 'archive' | 'delete' | 'link' | 'unlink' | 'import';

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: AuditAction;
  before?: unknown;
  after?: unknown;
}

/** SQL for a subgraph's audit table; its migration runs it. */
export function auditTableSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}"."audit_log" (
      "id" bigserial PRIMARY KEY,
      "at" timestamptz(3) NOT NULL DEFAULT now(),
      "who" text NOT NULL,
      "request_id" text,
      "entity" text NOT NULL,
      "entity_id" text NOT NULL,
      "action" text NOT NULL,
      "before" jsonb,
      "after" jsonb
    )`,
    `CREATE INDEX "audit_log_entity_idx" ON "${schema}"."audit_log" ("entity", "entity_id", "at" DESC)`,
  ];
}

function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Appends entries to the audit log; call it with the transaction's manager. */
export async function recordAudit(
  manager: EntityManager,
  schema: string,
  context: Pick<RequestContext, 'identity' | 'requestId'>,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const values: unknown[] = [];
  const rows = entries.map((entry, index) => {
    const base = index * 7;
    values.push(
      describeIdentity(context.identity),
      context.requestId,
      entry.entity,
      entry.entityId,
      entry.action,
      JSON.stringify(plain(entry.before)),
      JSON.stringify(plain(entry.after)),
    );
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}::jsonb, $${base + 7}::jsonb)`;
  });
  await manager.query(
    `INSERT INTO "${schema}"."audit_log" ("who", "request_id", "entity", "entity_id", "action", "before", "after") VALUES ${rows.join(', ')}`,
    values,
  );
}
