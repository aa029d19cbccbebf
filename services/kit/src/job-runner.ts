// Runs a subgraph's jobs: claims them with FOR UPDATE SKIP LOCKED (once across replicas), heartbeats, recovers the jobs
// of a dead worker, writes progress at a bounded rate, schedules periodic jobs once per period, stops cleanly.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { AppError, BadInputError } from './errors';
import { SYSTEM, type Identity } from './identity';
import { jobFromRow, JobQueue, returnedRows, type JobRecord, type JobRow } from './jobs';

/** A failure the job's followers may read as it is (code, message, and a report such as an import's refused rows). */
export class JobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly result?: unknown,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}

export interface JobProgressUpdate {
  done: number;
  total?: number | null;
  phase?: string | null;
}

export interface JobContext<Payload = unknown> {
  job: JobRecord<Payload>;
  /** The identity the job runs as (the starter's, as signed when it was started). */
  identity: Identity;
  /** A request id for audit rows and logs: job:<id>. */
  requestId: string;
  /** Aborted when the job is cancelled, its worker stops, or another worker took it over: stop and roll back. */
  signal: AbortSignal;
  /** Reports progress; cheap to call per row (written at most every progressIntervalMs, and at the end). */
  progress(update: JobProgressUpdate): void;
  /** The uploaded body of the job, chunk by chunk from the database (bounded memory). */
  upload(): AsyncIterable<Buffer>;
}

/** Does the work; what it returns is stored as the job's result. Runs at least once: make it idempotent. */
export type JobHandler<Payload = unknown> = (context: JobContext<Payload>) => Promise<unknown>;

export interface PeriodicJob {
  kind: string;
  /** Once per period of this length (periods are counted from the epoch, so every replica agrees). */
  everyMs: number;
  payload?: unknown;
  /** Attempts within a period: a failure is retried sooner, with backoff (default 5). */
  maxAttempts?: number;
}

export interface JobRunnerOptions {
  dataSource: DataSource;
  schema: string;
  handlers: Record<string, JobHandler<never>>;
  periodic?: PeriodicJob[];
  /** Jobs run at once in this process (default 2); 0 runs none (a replica that only serves requests). */
  concurrency?: number;
  pollMs?: number;
  heartbeatMs?: number;
  /** A running job whose heartbeat is older than this is taken as its worker's death, and retried or failed. */
  staleAfterMs?: number;
  progressIntervalMs?: number;
  /** First delay before retrying a failed attempt, doubled at each attempt up to retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** On stop, how long running handlers get to notice their aborted signal before the runner gives up on them. */
  stopGraceMs?: number;
  /** Finished jobs are deleted after this long (default 30 days). */
  keepFinishedMs?: number;
  workerId?: string;
  log?: Pick<Console, 'info' | 'warn' | 'error'>;
}

const DEFAULTS = {
  concurrency: 2,
  pollMs: 1000,
  heartbeatMs: 5000,
  staleAfterMs: 30_000,
  progressIntervalMs: 1000,
  retryBaseMs: 1000,
  retryMaxMs: 60_000,
  stopGraceMs: 10_000,
  keepFinishedMs: 30 * 24 * 3600_000,
};

const PURGE_EVERY_MS = 3600_000;

interface Running {
  job: JobRecord;
  abort: AbortController;
  done: Promise<void>;
  /** Why the signal was aborted: decides what becomes of the job. */
  reason?: 'cancelled' | 'stopping' | 'lost';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Reads the uploaded chunks of a job one at a time. */
export async function* readJobUpload(dataSource: DataSource, schema: string, jobId: string): AsyncIterable<Buffer> {
  let seq = -1;
  for (;;) {
    const rows: Array<{ seq: number; data: Buffer }> = await dataSource.query(
      `SELECT seq, data FROM "${schema}".job_upload_chunk WHERE job_id = $1 AND seq > $2 ORDER BY seq LIMIT 1`,
      [jobId, seq],
    );
    if (!rows.length) return;
    seq = rows[0].seq;
    yield rows[0].data;
  }
}

export class JobRunner {
  readonly workerId: string;
  private readonly options: Required<Omit<JobRunnerOptions, 'workerId' | 'periodic' | 'log'>> & Pick<JobRunnerOptions, 'periodic'>;
  private readonly log: Pick<Console, 'info' | 'warn' | 'error'>;
  private readonly queue: JobQueue;
  private readonly running = new Map<string, Running>();
  private readonly scheduledPeriod = new Map<string, number>();
  private loop: Promise<void> | undefined;
  private stopping = new AbortController();
  private wakeUp: AbortController = new AbortController();
  private lastPurge = 0;

  constructor(options: JobRunnerOptions) {
    // An option given as undefined (e.g. an unset setting) keeps its default.
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.options = { ...DEFAULTS, ...(given as JobRunnerOptions) };
    this.log = options.log ?? console;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.queue = new JobQueue(options.dataSource, options.schema);
    for (const periodic of options.periodic ?? []) {
      if (!options.handlers[periodic.kind]) throw new Error(`periodic job ${periodic.kind} has no handler`);
      if (!(periodic.everyMs >= 100)) throw new Error(`periodic job ${periodic.kind} must run at most every 100 ms`);
    }
  }

  private get table(): string {
    return this.queue.table;
  }

  private get db(): DataSource {
    return this.options.dataSource;
  }

  start(): void {
    if (this.loop || this.options.concurrency <= 0) return;
    this.stopping = new AbortController();
    this.loop = this.run();
  }

  /** Looks for work now (e.g. right after enqueueing in this process) rather than at the next poll. */
  wake(): void {
    this.wakeUp.abort();
  }

  /** Stops claiming, aborts the running handlers and waits for them (up to stopGraceMs); their jobs go back to the queue. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping.abort();
    this.wake();
    for (const running of this.running.values()) {
      running.reason ??= 'stopping';
      running.abort.abort();
    }
    const all = Promise.all([...this.running.values()].map((r) => r.done)).then(() => true);
    const grace = new AbortController();
    const settled = await Promise.race([all, sleep(this.options.stopGraceMs, grace.signal).then(() => false)]);
    grace.abort();
    if (!settled) this.log.warn(`[jobs ${this.options.schema}] stopped with jobs still running; another worker will take them over`);
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.tick();
      } catch (error) {
        if (!this.stopping.signal.aborted) this.log.error(`[jobs ${this.options.schema}] poll failed`, error);
      }
      if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController();
      else await sleep(this.options.pollMs, AbortSignal.any([this.stopping.signal, this.wakeUp.signal]));
      if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController();
    }
  }

  /** One round: recover dead workers' jobs, schedule periods, claim what this process has room for. Public for tests. */
  async tick(): Promise<void> {
    await this.recover();
    await this.schedulePeriodic();
    while (this.running.size < this.options.concurrency && !this.stopping.signal.aborted) {
      const job = await this.claim();
      if (!job) break;
      this.execute(job);
    }
    if (Date.now() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = Date.now();
      await this.db.query(`DELETE FROM ${this.table} WHERE finished_at < now() - make_interval(secs => $1)`, [
        this.options.keepFinishedMs / 1000,
      ]);
    }
  }

  /** Jobs whose worker stopped heartbeating: back to the queue, or failed when their attempts are spent. */
  private async recover(): Promise<void> {
    const rows = returnedRows<{ id: string; kind: string; status: string }>(
      await this.db.query(
        `UPDATE ${this.table} SET
         status = CASE WHEN cancel_requested THEN 'cancelled' WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
         error_code = CASE WHEN cancel_requested OR attempts < max_attempts THEN error_code ELSE 'WORKER_LOST' END,
         error_message = CASE WHEN cancel_requested OR attempts < max_attempts THEN error_message
                              ELSE 'The worker running this job stopped; it was not retried (no attempts left)' END,
         finished_at = CASE WHEN cancel_requested OR attempts >= max_attempts THEN now() END,
         locked_by = NULL, run_after = now(), updated_at = now()
       WHERE id IN (SELECT id FROM ${this.table} WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)
                    FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, status`,
        [this.options.staleAfterMs / 1000],
      ),
    );
    for (const row of rows) {
      this.log.warn(
        `[jobs ${this.options.schema}] job ${row.id} (${row.kind}) lost its worker: ` +
          (row.status === 'queued' ? 'queued again' : row.status),
      );
      if (row.status !== 'queued') await this.dropUpload(row.id);
    }
  }

  /**
   * Each periodic kind gets one job per period, keyed `period:<n>` as the system: the unique key makes it once across
   * replicas. None is added while the previous one is still queued or running, so runs of a kind never overlap.
   */
  private async schedulePeriodic(): Promise<void> {
    for (const periodic of this.options.periodic ?? []) {
      const period = Math.floor(Date.now() / periodic.everyMs);
      if (this.scheduledPeriod.get(periodic.kind) === period) continue;
      const rows: Array<{ pending: boolean }> = await this.db.query(
        `WITH pending AS (SELECT 1 FROM ${this.table} WHERE kind = $1 AND status IN ('queued', 'running') LIMIT 1),
              added AS (
                INSERT INTO ${this.table} (kind, payload, started_by, identity, authority, idempotency_key, max_attempts)
                SELECT $1, $2, 'system', $3, NULL, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM pending)
                ON CONFLICT (started_by, kind, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                RETURNING id)
         SELECT EXISTS (SELECT 1 FROM pending) AS pending`,
        [periodic.kind, JSON.stringify(periodic.payload ?? {}), JSON.stringify(SYSTEM), `period:${period}`, periodic.maxAttempts ?? 5],
      );
      // While the previous run is pending, try again at the next poll (the period is not over yet).
      if (!rows[0]?.pending) this.scheduledPeriod.set(periodic.kind, period);
    }
  }

  private async claim(): Promise<JobRecord | null> {
    const rows = returnedRows<JobRow>(
      await this.db.query(
        `UPDATE ${this.table} SET status = 'running', locked_by = $1, attempts = attempts + 1, heartbeat_at = now(),
              started_at = coalesce(started_at, now()), updated_at = now()
       WHERE id = (SELECT id FROM ${this.table} WHERE status = 'queued' AND run_after <= now() AND kind = ANY($2)
                   ORDER BY run_after, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
        [this.workerId, Object.keys(this.options.handlers)],
      ),
    );
    return rows.length ? jobFromRow(rows[0]) : null;
  }

  private execute(job: JobRecord): void {
    const abort = new AbortController();
    const entry: Running = { job, abort, done: Promise.resolve() };
    this.running.set(job.id, entry);
    entry.done = this.perform(entry)
      .catch((error) => this.log.error(`[jobs ${this.options.schema}] job ${job.id} (${job.kind}) could not be recorded`, error))
      .finally(() => {
        this.running.delete(job.id);
        this.wake();
      });
  }

  private async perform(entry: Running): Promise<void> {
    const { job, abort } = entry;
    const handler = this.options.handlers[job.kind] as JobHandler;
    let pending: JobProgressUpdate | null = null;
    let current = job.progress;
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    let progressTimer: NodeJS.Timeout | undefined;
    const writeProgress = () => {
      if (!pending) return;
      const update = pending;
      pending = null;
      lastWrite = Date.now();
      current = {
        done: update.done,
        total: update.total === undefined ? current.total : update.total,
        phase: update.phase === undefined ? current.phase : update.phase,
      };
      const values = current;
      writing = writing
        .then(() =>
          this.db.query(
            `UPDATE ${this.table} SET progress_done = $3, progress_total = $4, phase = $5, updated_at = now()
             WHERE id = $1 AND locked_by = $2`,
            [job.id, this.workerId, values.done, values.total, values.phase],
          ),
        )
        .then(() => undefined)
        .catch((error) => this.log.warn(`[jobs ${this.options.schema}] progress of job ${job.id} not written`, error));
    };
    const heartbeat = setInterval(() => {
      void this.db
        .query(
          `UPDATE ${this.table} SET heartbeat_at = now()
           WHERE id = $1 AND locked_by = $2 AND status = 'running' RETURNING cancel_requested`,
          [job.id, this.workerId],
        )
        .then((result: unknown) => {
          const rows = returnedRows<{ cancel_requested: boolean }>(result);
          if (!rows.length) entry.reason ??= 'lost';
          else if (rows[0].cancel_requested) entry.reason ??= 'cancelled';
          else return;
          abort.abort();
        })
        .catch((error) => this.log.warn(`[jobs ${this.options.schema}] heartbeat of job ${job.id} failed`, error));
    }, this.options.heartbeatMs);
    const context: JobContext = {
      job,
      identity: job.identity,
      requestId: `job:${job.id}`,
      signal: abort.signal,
      progress: (update) => {
        pending = update;
        const wait = lastWrite + this.options.progressIntervalMs - Date.now();
        if (wait <= 0) {
          writeProgress();
        } else if (!progressTimer) {
          // The latest value is written when the interval is over, even if no call comes after it.
          progressTimer = setTimeout(() => {
            progressTimer = undefined;
            writeProgress();
          }, wait);
        }
      },
      upload: () => readJobUpload(this.db, this.options.schema, job.id),
    };
    let outcome: { ok: true; result: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, result: (await handler(context)) ?? null };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      clearInterval(heartbeat);
      if (progressTimer) clearTimeout(progressTimer);
    }
    writeProgress();
    await writing;
    await this.finish(entry, outcome, current);
  }

  private async finish(
    entry: Running,
    outcome: { ok: true; result: unknown } | { ok: false; error: unknown },
    progress: JobRecord['progress'],
  ): Promise<void> {
    const { job } = entry;
    const mine = `id = $1 AND locked_by = $2 AND status = 'running'`;
    // A finished job's upload goes in the statement that finishes it: whoever sees it finished sees the body gone.
    const dropUpload = `WITH dropped AS (DELETE FROM "${this.options.schema}".job_upload_chunk WHERE job_id = $1)`;
    const base = [job.id, this.workerId];
    if (entry.reason === 'lost') {
      this.log.warn(`[jobs ${this.options.schema}] job ${job.id} was taken over by another worker; this run's outcome is dropped`);
      return;
    }
    if (outcome.ok) {
      await this.db.query(
        `${dropUpload} UPDATE ${this.table} SET status = 'succeeded', result = $3, progress_done = $4, progress_total = $5,
                phase = $6, error_code = NULL, error_message = NULL, finished_at = now(), updated_at = now(), locked_by = NULL
         WHERE ${mine}`,
        [...base, JSON.stringify(outcome.result), progress.done, progress.total, progress.phase],
      );
      return;
    }
    if (entry.reason === 'stopping') {
      // Shutting down is not the job's fault: it goes back to the queue without spending an attempt.
      await this.db.query(
        `UPDATE ${this.table} SET status = 'queued', attempts = attempts - 1, locked_by = NULL, updated_at = now() WHERE ${mine}`,
        base,
      );
      return;
    }
    if (entry.reason === 'cancelled') {
      await this.db.query(
        `${dropUpload} UPDATE ${this.table} SET status = 'cancelled', error_code = 'CANCELLED', error_message = 'Cancelled',
                finished_at = now(), updated_at = now(), locked_by = NULL WHERE ${mine}`,
        base,
      );
      return;
    }
    const { error } = outcome;
    const exposed = error instanceof JobFailure || error instanceof AppError;
    if (!exposed && job.attempts < job.maxAttempts) {
      const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** (job.attempts - 1));
      // A registry still starting is not worth a line; a third failure in a row is.
      if (job.attempts >= 3)
        this.log.error(`[jobs ${this.options.schema}] job ${job.id} (${job.kind}) failed ${job.attempts} times in a row`, error);
      await this.db.query(
        `UPDATE ${this.table} SET status = 'queued', run_after = now() + make_interval(secs => $3), error_code = 'RETRYING',
                error_message = $4, locked_by = NULL, updated_at = now() WHERE ${mine}`,
        [...base, delay / 1000, `Attempt ${job.attempts} of ${job.maxAttempts} failed; retrying`],
      );
      return;
    }
    if (!exposed) this.log.error(`[jobs ${this.options.schema}] job ${job.id} (${job.kind}) failed`, error);
    const code = error instanceof JobFailure ? error.code : error instanceof AppError ? error.code : 'JOB_FAILED';
    const message = exposed ? (error as Error).message : 'The job failed unexpectedly; the platform logged why';
    const result =
      error instanceof JobFailure ? (error.result ?? null) : error instanceof BadInputError ? { problems: error.problems } : null;
    await this.db.query(
      `${dropUpload} UPDATE ${this.table} SET status = 'failed', error_code = $3, error_message = $4, result = $5, progress_done = $6,
              progress_total = $7, phase = $8, finished_at = now(), updated_at = now(), locked_by = NULL WHERE ${mine}`,
      [...base, code, message, JSON.stringify(result), progress.done, progress.total, progress.phase],
    );
  }

  private async dropUpload(jobId: string): Promise<void> {
    await this.db.query(`DELETE FROM "${this.options.schema}".job_upload_chunk WHERE job_id = $1`, [jobId]);
  }
}
