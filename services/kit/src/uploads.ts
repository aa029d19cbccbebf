// Large bodies (SIRENE stock files, DECP exports) streamed from the gateway into the database beside a new job.
// The gateway signs a descriptor of the upload (path, length, idempotency key), not the body it has not read yet.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, ErrorCode } from './errors';
import { signRequest, verifyFreshRequest, IDENTITY_HEADER, SIGNATURE_HEADER, SignatureError, type Identity, type NonceStore } from './identity';
import { checkIdempotencyKey, JobQueue, type JobRecord } from './jobs';

export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Rows of the chunk table: small enough to bound memory, large enough to keep the statements few. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

/**
 * What the gateway signs for an upload instead of the body's hash. It starts with a line no JSON body can start with,
 * so a signature for a GraphQL request is never accepted for an upload, nor the reverse.
 */
export function uploadDescriptor(pathWithQuery: string, length: number, idempotencyKey: string): string {
  return `ess-upload\nPOST ${pathWithQuery}\n${length}\n${idempotencyKey}`;
}

/** The headers the gateway adds to an upload it streams to a subgraph (identity and signature). */
export function signUpload(
  secret: string,
  identity: Identity,
  upload: { pathWithQuery: string; length: number; idempotencyKey: string },
): Record<string, string> {
  return signRequest(secret, identity, uploadDescriptor(upload.pathWithQuery, upload.length, upload.idempotencyKey));
}

export interface UploadRoute {
  /** The job kind the upload creates (its handler reads the body with context.upload()). */
  kind: string;
  maxBytes?: number;
  maxAttempts?: number;
  /**
   * Decides, before a byte of the body is read, whether this caller may upload with these query parameters; answers
   * the job's authority and payload (e.g. `{ authority, dryRun }`). Throws an AppError (FORBIDDEN, BAD_USER_INPUT).
   */
  accept(
    identity: Identity,
    params: URLSearchParams,
  ): { authority: string | null; payload?: unknown } | Promise<{ authority: string | null; payload?: unknown }>;
}

export interface UploadOptions {
  queue: JobQueue;
  routes: Record<string, UploadRoute>;
  /** Told when a job was queued, so a runner in this process starts it at once. */
  onQueued?: () => void;
}

const STATUS_OF: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
};

class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** The fields of a job an upload's caller gets back; the status is then followed through the graph. */
export function jobSummary(job: JobRecord) {
  return { id: job.id, kind: job.kind, status: job.status, uploadBytes: job.uploadBytes, createdAt: job.createdAt };
}

/**
 * Answers a refusal and discards the rest of the body without holding it (its length is bounded by the route's
 * maximum); a body over the maximum, or of unknown length, is not read at all: the connection closes after the answer.
 */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: UploadRefused): void {
  const close = refusal.status === 413 || refusal.status === 411;
  answer(
    res,
    refusal.status,
    { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] },
    close ? { connection: 'close' } : {},
  );
  req.resume();
}

/**
 * POST /uploads/<name>: checks the signature and the caller before reading the body, then streams the body into
 * `<schema>.job_upload_chunk` in the transaction that creates the job, so a job exists only with its whole body.
 * Answers 202 with the new job, or 200 with the job this idempotency key already made (the body is then discarded).
 */
export async function receiveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  secret: string,
  options: UploadOptions,
  nonces: NonceStore,
): Promise<void> {
  try {
    const route = options.routes[url.pathname.slice('/uploads/'.length)];
    if (!route) throw new UploadRefused(404, 'NOT_FOUND', 'No such upload');
    if (req.method !== 'POST') throw new UploadRefused(405, 'BAD_REQUEST', 'Use POST');
    const declared = req.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared))
      throw new UploadRefused(411, 'BAD_REQUEST', 'Send the Content-Length of the upload');
    const length = Number(declared);
    const maxBytes = route.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    if (length > maxBytes) throw new UploadRefused(413, 'BAD_REQUEST', `Upload larger than ${maxBytes} bytes`);
    const rawKey = req.headers[IDEMPOTENCY_KEY_HEADER];
    if (typeof rawKey !== 'string')
      throw new UploadRefused(400, 'BAD_USER_INPUT', 'Send an Idempotency-Key header: a retried upload then returns the same job');
    let key: string;
    try {
      key = checkIdempotencyKey(rawKey, 'Idempotency-Key') as string;
    } catch (error) {
      throw new UploadRefused(400, 'BAD_USER_INPUT', (error as Error).message);
    }
    let identity: Identity;
    try {
      // Fresh like every signed request: a replayed upload is refused, not only answered with the same job.
      identity = await verifyFreshRequest(
        secret,
        { identity: req.headers[IDENTITY_HEADER] as string | undefined, signature: req.headers[SIGNATURE_HEADER] as string | undefined },
        uploadDescriptor(url.pathname + url.search, length, key),
        nonces,
      );
    } catch (error) {
      if (!(error instanceof SignatureError)) throw error;
      throw new UploadRefused(401, 'UNAUTHENTICATED', 'This service only answers the gateway');
    }
    if (identity.kind === 'anonymous') throw new UploadRefused(401, 'UNAUTHENTICATED', 'Sign in to upload');
    if (identity.kind === 'partner') throw new UploadRefused(403, 'FORBIDDEN', 'API keys read; staff upload');
    let accepted: { authority: string | null; payload?: unknown };
    try {
      accepted = await route.accept(identity, url.searchParams);
    } catch (error) {
      if (error instanceof AppError) throw new UploadRefused(STATUS_OF[error.code] ?? 400, error.code, error.message);
      throw error;
    }
    const { job, created } = await storeUpload(req, options.queue, route, identity, accepted, key, length);
    if (created) options.onQueued?.();
    else req.resume();
    answer(res, created ? 202 : 200, { job: jobSummary(job) });
  } catch (error) {
    if (error instanceof UploadRefused) return refuse(req, res, error);
    if (error instanceof AppError) return refuse(req, res, new UploadRefused(STATUS_OF[error.code] ?? 400, error.code, error.message));
    throw error;
  }
}

async function storeUpload(
  req: IncomingMessage,
  queue: JobQueue,
  route: UploadRoute,
  identity: Identity,
  accepted: { authority: string | null; payload?: unknown },
  key: string,
  length: number,
): Promise<{ job: JobRecord; created: boolean }> {
  const runner = queue.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const { job, created } = await queue.enqueue(
      {
        kind: route.kind,
        payload: accepted.payload ?? {},
        identity,
        authority: accepted.authority,
        idempotencyKey: key,
        maxAttempts: route.maxAttempts ?? 3,
      },
      runner.manager,
    );
    if (!created) {
      await runner.commitTransaction();
      return { job, created };
    }
    const chunks = `"${queue.schema}".job_upload_chunk`;
    let seq = 0;
    let size = 0;
    let parts: Buffer[] = [];
    let buffered = 0;
    const flush = async () => {
      if (!buffered) return;
      await runner.query(`INSERT INTO ${chunks} (job_id, seq, data) VALUES ($1, $2, $3)`, [job.id, seq++, Buffer.concat(parts, buffered)]);
      parts = [];
      buffered = 0;
    };
    // for await pulls the next piece only when the previous is stored: the socket is paused meanwhile (backpressure).
    for await (const piece of req as AsyncIterable<Buffer>) {
      size += piece.length;
      if (size > length) throw new UploadRefused(400, 'BAD_REQUEST', 'The body is longer than its Content-Length');
      parts.push(piece);
      buffered += piece.length;
      if (buffered >= UPLOAD_CHUNK_BYTES) await flush();
    }
    await flush();
    if (size !== length) throw new UploadRefused(400, 'BAD_REQUEST', 'The body ended before its Content-Length');
    await runner.query(`UPDATE ${queue.table} SET upload_bytes = $2 WHERE id = $1`, [job.id, size]);
    await runner.commitTransaction();
    return { job: { ...job, uploadBytes: size }, created };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    // A caller that went away mid-upload leaves nothing behind; that is not the platform's failure.
    if (!(error instanceof UploadRefused) && (req.readableAborted || req.destroyed))
      throw new UploadRefused(400, 'BAD_REQUEST', 'The upload was interrupted');
    throw error;
  } finally {
    await runner.release();
  }
}
