// The history of every record: who changed what, when, before and after, written in the mutation's own transaction.
import type { EntityManager } from 'typeorm';
import type { RequestContext } from './context';
import { describeIdentity } from './identity';

export type AuditAction = 'create' | 'update' | 'archive' | 'delete' | 'link' | 'unlink' | 'import' | 'erase';

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: AuditAction;
  before?: unknown;
  after?: unknown;
}

/** SQL for a subgraph's audit table, append-only from the start; its first migration runs it. */
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
    ...auditAppendOnlySql(schema),
  ];
}

/** The transaction setting that opens the one exception to append-only logs, and its only accepted value. */
export const AUDIT_REWRITE_SETTING = 'ess.audit_rewrite';
export const AUDIT_REWRITE_RGPD = 'rgpd-erasure';

function identifier(name: string, what: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`${what} "${name}" is not a plain lower-case SQL identifier`);
  return `"${name}"`;
}

/**
 * SQL making `<schema>.<table>` append-only, even for the role that owns it (deployments often run with one role):
 * triggers refuse every DELETE and TRUNCATE, and every UPDATE unless the transaction ran `allowAuditRewrite` (RGPD
 * anonymisation), which may then change the `before`/`after` values only, never who, when, what or which record.
 * Idempotent (safe to run again) and confined to the schema: `<schema>.append_only_guard()` and two triggers per table.
 */
export function appendOnlySql(schema: string, table: string): string[] {
  const s = identifier(schema, 'schema');
  const t = identifier(table, 'table');
  return [
    `CREATE OR REPLACE FUNCTION ${s}."append_only_guard"() RETURNS trigger LANGUAGE plpgsql AS $guard$
    BEGIN
      IF TG_OP = 'UPDATE' AND current_setting('${AUDIT_REWRITE_SETTING}', true) = '${AUDIT_REWRITE_RGPD}'
         AND (to_jsonb(NEW) - 'before' - 'after') = (to_jsonb(OLD) - 'before' - 'after') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Only RGPD anonymisation may rewrite the before/after values, after allowAuditRewrite in the same transaction.';
    END
    $guard$`,
    `DROP TRIGGER IF EXISTS "${table}_append_only" ON ${s}.${t}`,
    `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON ${s}.${t} FOR EACH ROW EXECUTE FUNCTION ${s}."append_only_guard"()`,
    `DROP TRIGGER IF EXISTS "${table}_no_truncate" ON ${s}.${t}`,
    `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON ${s}.${t} FOR EACH STATEMENT EXECUTE FUNCTION ${s}."append_only_guard"()`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.${t} FROM PUBLIC`,
  ];
}

/** SQL making a subgraph's `audit_log` append-only (see `appendOnlySql`); for migrations of existing audit tables. */
export function auditAppendOnlySql(schema: string): string[] {
  return appendOnlySql(schema, 'audit_log');
}

/**
 * Opens the RGPD exception for the rest of the current transaction: the append-only logs accept UPDATEs that rewrite
 * their `before`/`after` values (anonymisation of an erased person). Call it inside the transaction that erases.
 */
export async function allowAuditRewrite(manager: EntityManager): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error('allowAuditRewrite needs a transaction: the setting is local to it');
  await manager.query(`SET LOCAL ${AUDIT_REWRITE_SETTING} = '${AUDIT_REWRITE_RGPD}'`);
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
