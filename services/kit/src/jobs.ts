// Background jobs of a subgraph: the job table in its own schema, enqueueing (idempotent), reading, cancelling.
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { BadInputError, ForbiddenError, NotFoundError } from './errors';
import { describeIdentity, type Identity } from './identity';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Timestamp of the kit's job migration: each subgraph lists `jobsMigration('<schema>')` in its migrations. */
export const JOBS_MIGRATION_TIMESTAMP = 1765000000000;

export interface JobProgress {
  done: number;
  total: number | null;
  phase: string | null;
}

export interface JobErrorInfo {
  code: string;
  message: string;
}

export interface JobRecord<Payload = unknown> {
  id: string;
  kind: string;
  status: JobStatus;
  payload: Payload;
  progress: JobProgress;
  /** What the job answered (e.g. an import's report); also set on a failure that has a report (rows refused). */
  result: unknown;
  error: JobErrorInfo | null;
  /** describeIdentity() of the starter: staff:<id>, key:<id> or system. */
  startedBy: string;
  /** The identity the job runs as: the one the gateway signed when it was started. */
  identity: Identity;
  /** The authority whose staff may follow the job; null for the platform's own jobs (periodic work). */
  authority: string | null;
  idempotencyKey: string | null;
  attempts: number;
  maxAttempts: number;
  uploadBytes: number | null;
  cancelRequested: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

export interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  payload: unknown;
  progress_done: string | number;
  progress_total: string | number | null;
  phase: string | null;
  result: unknown;
  error_code: string | null;
  error_message: string | null;
  started_by: string;
  identity: Identity;
  authority: string | null;
  idempotency_key: string | null;
  attempts: number;
  max_attempts: number;
  upload_bytes: string | number | null;
  cancel_requested: boolean;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

/** What the graph shows of a job: all but its payload and the identity it runs as. */
export type JobView = Omit<JobRecord, 'payload' | 'identity'>;

/** The columns of a JobView: reads for the graph select these only. */
export const JOB_VIEW_COLUMNS = [
  'id',
  'kind',
  'status',
  'progress_done',
  'progress_total',
  'phase',
  'result',
  'error_code',
  'error_message',
  'started_by',
  'authority',
  'idempotency_key',
  'attempts',
  'max_attempts',
  'upload_bytes',
  'cancel_requested',
  'created_at',
  'started_at',
  'finished_at',
  'updated_at',
].join(', ');

export function jobViewFromRow(row: Omit<JobRow, 'payload' | 'identity'>): JobView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: { done: Number(row.progress_done), total: row.progress_total === null ? null : Number(row.progress_total), phase: row.phase },
    result: row.result,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    startedBy: row.started_by,
    authority: row.authority,
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    uploadBytes: row.upload_bytes === null ? null : Number(row.upload_bytes),
    cancelRequested: row.cancel_requested,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
  };
}

export function jobFromRow<Payload = unknown>(row: JobRow): JobRecord<Payload> {
  return { ...jobViewFromRow(row), payload: row.payload as Payload, identity: row.identity };
}

/** Rows of an UPDATE/DELETE ... RETURNING: TypeORM answers those as [rows, count] (and INSERT as rows). */
export function returnedRows<T>(result: unknown): T[] {
  return (
    Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result
  ) as T[];
}

function quoted(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  return `"${schema}"`;
}

/**
 * The job tables in a subgraph's schema, as a TypeORM migration class to list among the subgraph's migrations.
 * Uploaded bodies are stored in chunks beside their job (not on a replica's disk): any replica may run the job.
 */
export function jobsMigration(schema: string): new () => MigrationInterface {
  const s = quoted(schema);
  const name = `KitJobs${JOBS_MIGRATION_TIMESTAMP}`;
  class KitJobs implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`
        CREATE TABLE ${s}.job (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          kind text NOT NULL,
          status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
          payload jsonb NOT NULL DEFAULT '{}',
          progress_done bigint NOT NULL DEFAULT 0,
          progress_total bigint,
          phase text,
          result jsonb,
          error_code text,
          error_message text,
          started_by text NOT NULL,
          identity jsonb NOT NULL,
          authority text,
          idempotency_key text,
          attempts int NOT NULL DEFAULT 0,
          max_attempts int NOT NULL DEFAULT 1 CHECK (max_attempts >= 1),
          run_after timestamptz NOT NULL DEFAULT now(),
          locked_by text,
          heartbeat_at timestamptz,
          cancel_requested boolean NOT NULL DEFAULT false,
          upload_bytes bigint,
          created_at timestamptz NOT NULL DEFAULT now(),
          started_at timestamptz,
          finished_at timestamptz,
          updated_at timestamptz NOT NULL DEFAULT now()
        )`);
      // The same caller, kind and key is the same job (a retried request, a periodic job's period).
      await queryRunner.query(
        `CREATE UNIQUE INDEX job_idempotency ON ${s}.job (started_by, kind, idempotency_key) WHERE idempotency_key IS NOT NULL`,
      );
      await queryRunner.query(`CREATE INDEX job_ready ON ${s}.job (run_after, created_at) WHERE status = 'queued'`);
      await queryRunner.query(`CREATE INDEX job_running ON ${s}.job (heartbeat_at) WHERE status = 'running'`);
      await queryRunner.query(`CREATE INDEX job_by_authority ON ${s}.job (authority, created_at DESC, id DESC)`);
      await queryRunner.query(`CREATE INDEX job_by_starter ON ${s}.job (started_by, created_at DESC, id DESC)`);
      await queryRunner.query(`
        CREATE TABLE ${s}.job_upload_chunk (
          job_id uuid NOT NULL REFERENCES ${s}.job (id) ON DELETE CASCADE,
          seq int NOT NULL,
          data bytea NOT NULL,
          PRIMARY KEY (job_id, seq)
        )`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE ${s}.job_upload_chunk`);
      await queryRunner.query(`DROP TABLE ${s}.job`);
    }
  }
  Object.defineProperty(KitJobs, 'name', { value: name });
  return KitJobs;
}

export interface EnqueueJob<Payload = unknown> {
  kind: string;
  payload?: Payload;
  /** Who starts it: the job runs as this identity, and its starter and the authority's staff may follow it. */
  identity: Identity;
  /** The authority the job works for (its staff follow it); required for staff, null for the platform's own jobs. */
  authority?: string | null;
  /** The same key from the same caller for the same kind returns the first job instead of a new one. */
  idempotencyKey?: string | null;
  /** Attempts before failing for good when the job fails unexpectedly or its worker dies (default 1). */
  maxAttempts?: number;
  runAfter?: Date;
}

const MAX_KEY_LENGTH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an idempotency key given by a caller (GraphQL argument or HTTP header). */
export function checkIdempotencyKey(key: string | null | undefined, field = 'idempotencyKey'): string | null {
  if (key == null) return null;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw BadInputError.field(field, `must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters`);
  }
  return key;
}

/** Staff of the job's authority and its starter see it; the platform sees every job. */
export function canSeeJob(identity: Identity, job: Pick<JobRecord, 'authority' | 'startedBy'>): boolean {
  if (identity.kind === 'system') return true;
  if (describeIdentity(identity) === job.startedBy) return true;
  return identity.kind === 'staff' && job.authority !== null && identity.authorities.includes(job.authority);
}

/** Its starter and the admins of its authority may cancel a job. */
export function canCancelJob(identity: Identity, job: Pick<JobRecord, 'authority' | 'startedBy'>): boolean {
  if (identity.kind === 'system') return true;
  if (describeIdentity(identity) === job.startedBy) return true;
  return identity.kind === 'staff' && identity.role === 'admin' && job.authority !== null && identity.authorities.includes(job.authority);
}

export interface JobFilter {
  kind?: string | null;
  status?: JobStatus | null;
}

/** The jobs of one subgraph's schema: what resolvers, upload routes and the runner share. */
export class JobQueue {
  readonly table: string;

  constructor(
    readonly dataSource: DataSource,
    readonly schema: string,
  ) {
    this.table = `${quoted(schema)}.job`;
  }

  /**
   * Creates a job (queued), or returns the existing one with the same starter, kind and idempotency key.
   * Pass `manager` to create it in the caller's transaction (it becomes visible to runners when that commits).
   */
  async enqueue<Payload>(request: EnqueueJob<Payload>, manager?: EntityManager): Promise<{ job: JobRecord<Payload>; created: boolean }> {
    const runner = manager ?? this.dataSource.manager;
    const key = checkIdempotencyKey(request.idempotencyKey);
    const authority = request.authority ?? null;
    if (request.identity.kind === 'staff' && (!authority || !request.identity.authorities.includes(authority))) {
      throw new ForbiddenError('A job is started for one of your authorities');
    }
    const startedBy = describeIdentity(request.identity);
    const rows: JobRow[] = await runner.query(
      `INSERT INTO ${this.table} (kind, payload, started_by, identity, authority, idempotency_key, max_attempts, run_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, now()))
       ON CONFLICT (started_by, kind, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING *`,
      [
        request.kind,
        JSON.stringify(request.payload ?? {}),
        startedBy,
        JSON.stringify(request.identity),
        authority,
        key,
        request.maxAttempts ?? 1,
        request.runAfter ?? null,
      ],
    );
    if (rows.length) return { job: jobFromRow<Payload>(rows[0]), created: true };
    const existing: JobRow[] = await runner.query(
      `SELECT * FROM ${this.table} WHERE started_by = $1 AND kind = $2 AND idempotency_key = $3`,
      [startedBy, request.kind, key],
    );
    return { job: jobFromRow<Payload>(existing[0]), created: false };
  }

  async get(id: string): Promise<JobRecord | null> {
    if (!UUID.test(id)) return null;
    const rows: JobRow[] = await this.dataSource.query(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
    return rows.length ? jobFromRow(rows[0]) : null;
  }

  /** The job as the graph shows it (its columns only), or null. */
  async view(id: string): Promise<JobView | null> {
    if (!UUID.test(id)) return null;
    const rows: JobRow[] = await this.dataSource.query(`SELECT ${JOB_VIEW_COLUMNS} FROM ${this.table} WHERE id = $1`, [id]);
    return rows.length ? jobViewFromRow(rows[0]) : null;
  }

  /** The job if this caller may see it; NOT_FOUND otherwise (another authority's job is not revealed). */
  async visible(identity: Identity, id: string): Promise<JobRecord> {
    const job = await this.get(id);
    if (!job || !canSeeJob(identity, job)) throw new NotFoundError('Job', id);
    return job;
  }

  /**
   * Cancels a queued job at once; a running one is asked to stop (its handler's signal aborts at the next heartbeat)
   * and ends as cancelled unless it had already finished. Finished jobs stay as they are.
   */
  async cancel(identity: Identity, id: string): Promise<JobRecord> {
    // Refused as every write on another authority's record is (FORBIDDEN); reads answer such a job as missing.
    const job = await this.get(id);
    if (!job) throw new NotFoundError('Job', id);
    if (!canCancelJob(identity, job)) throw new ForbiddenError('Only the starter of a job or an admin of its authority cancels it');
    const rows = returnedRows<JobRow>(
      await this.dataSource.query(
        `UPDATE ${this.table} SET
         status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
         finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END,
         cancel_requested = status IN ('queued', 'running'),
         updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running')
       RETURNING *`,
        [id],
      ),
    );
    if (rows.length && rows[0].status === 'cancelled')
      await this.dataSource.query(`DELETE FROM ${quoted(this.schema)}.job_upload_chunk WHERE job_id = $1`, [id]);
    return rows.length ? jobFromRow(rows[0]) : job;
  }
}
