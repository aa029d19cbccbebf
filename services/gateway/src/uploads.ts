// POST /uploads/<subgraph>/<name>: a staff member's large file streamed to the subgraph that turns it into a job.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { DEFAULT_MAX_UPLOAD_BYTES, IDEMPOTENCY_KEY_HEADER, signUpload, type Identity } from '@ess/kit';
import { sendError } from './http';

export const UPLOAD_PATH = /^\/uploads\/([a-z][a-z0-9-]*)\/([a-z][a-z0-9-]*)$/;

export interface UploadProxyOptions {
  subgraphs: Array<{ name: string; url: string }>;
  secret: string;
  maxUploadBytes?: number;
  /** How long the upstream may stay silent (no byte accepted or answered) before the upload is given up. */
  idleTimeoutMs: number;
  requestId: string;
}

/**
 * Streams the body as it comes (never buffered here) to the subgraph's /uploads/<name>, signed for the caller: the
 * signature covers the path with its query, the Content-Length and the Idempotency-Key (the body cannot be hashed
 * before it is sent); the subgraph reads exactly that many bytes. Answers what the subgraph answers.
 */
export function proxyUpload(req: IncomingMessage, res: ServerResponse, identity: Identity, options: UploadProxyOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway');
  const match = UPLOAD_PATH.exec(url.pathname);
  const target = match ? options.subgraphs.find((s) => s.name === match[1]) : undefined;
  if (!match || !target) return Promise.resolve(sendError(res, 404, 'NOT_FOUND', 'No such upload'));
  if (req.method !== 'POST') return Promise.resolve(sendError(res, 405, 'BAD_REQUEST', 'Use POST', { allow: 'POST' }));
  if (identity.kind !== 'staff')
    return Promise.resolve(
      sendError(
        res,
        identity.kind === 'anonymous' ? 401 : 403,
        identity.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        'Staff upload files; sign in',
      ),
    );
  const declared = req.headers['content-length'];
  if (declared === undefined || !/^\d+$/.test(declared))
    return Promise.resolve(sendError(res, 411, 'BAD_REQUEST', 'Send the Content-Length of the upload', { connection: 'close' }));
  const length = Number(declared);
  const max = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (length > max) return Promise.resolve(sendError(res, 413, 'BAD_REQUEST', `Upload larger than ${max} bytes`, { connection: 'close' }));
  const key = req.headers[IDEMPOTENCY_KEY_HEADER];
  if (typeof key !== 'string' || !key)
    return Promise.resolve(
      sendError(res, 400, 'BAD_USER_INPUT', 'Send an Idempotency-Key header: a retried upload then returns the same job'),
    );
  const pathWithQuery = `/uploads/${match[2]}${url.search}`;
  const upstreamUrl = new URL(pathWithQuery, target.url);
  return new Promise((resolve) => {
    const upstream = http.request(upstreamUrl, {
      method: 'POST',
      headers: {
        'content-type': String(req.headers['content-type'] ?? 'application/octet-stream'),
        'content-length': String(length),
        [IDEMPOTENCY_KEY_HEADER]: key,
        'x-request-id': options.requestId,
        ...signUpload(options.secret, identity, { pathWithQuery, length, idempotencyKey: key }),
      },
      timeout: options.idleTimeoutMs,
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, {
        'content-type': String(answer.headers['content-type'] ?? 'application/json; charset=utf-8'),
        'cache-control': 'no-store',
        'x-request-id': options.requestId,
      });
      answer.pipe(res);
      answer.on('end', () => resolve());
      // The subgraph answered before the whole body (a refusal): the rest is not forwarded.
      req.unpipe(upstream);
      req.resume();
    });
    const fail = () => {
      if (!res.headersSent)
        sendError(
          res,
          503,
          'SERVICE_UNAVAILABLE',
          'The service receiving uploads did not answer; send the file again (same Idempotency-Key)',
          { connection: 'close' },
        );
      else res.end();
      upstream.destroy();
      resolve();
    };
    upstream.on('timeout', fail);
    upstream.on('error', fail);
    req.on('aborted', () => upstream.destroy());
    // pipe() pauses the caller's socket while the subgraph is behind: memory stays bounded.
    req.pipe(upstream);
  });
}
