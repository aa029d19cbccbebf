// A file sent to the gateway's upload route (POST /uploads/<subgraph>/<name>) and the job it starts, followed until it
// ends: one helper for every import screen (SIRENE today, DECP in the procurement workspace).

/** What the page needs to know of a job while it runs and when it ends. */
export interface FollowedJob {
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: { done: number; total: number | null | undefined };
  result: unknown;
  error: { code: string; message: string } | null | undefined;
}

/** A refusal of the upload itself (before any job): the gateway's code and message. */
export class UploadRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends the file as the request's body; the idempotency key makes a resent upload (a lost answer) the same job.
 * Answers the job's id.
 */
export async function uploadFile(route: string, params: Record<string, string | boolean>, file: Blob, idempotencyKey: string): Promise<string> {
  const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
  let response: Response;
  try {
    response = await fetch(`/uploads/${route}?${query.toString()}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type || 'application/octet-stream', 'idempotency-key': idempotencyKey },
      body: file,
    });
  } catch {
    throw new UploadRefused('NETWORK_ERROR', 'The file could not be sent');
  }
  const body = (await response.json().catch(() => null)) as {
    job?: { id: string };
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  } | null;
  if (!response.ok || !body?.job) {
    const first = body?.errors?.[0];
    throw new UploadRefused(first?.extensions?.code ?? `HTTP_${response.status}`, first?.message ?? response.statusText);
  }
  return body.job.id;
}

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Reads the job every `intervalMs` until it ends, telling each reading; a reading that fails (a retryable
 * SERVICE_UNAVAILABLE while the import keeps the subgraph busy) is tried again, up to `maxMisses` in a row.
 */
export async function followJob(
  read: () => Promise<FollowedJob | null>,
  onReading: (job: FollowedJob) => void,
  { intervalMs = 1000, maxMisses = 30, signal }: { intervalMs?: number; maxMisses?: number; signal?: AbortSignal } = {},
): Promise<FollowedJob> {
  let misses = 0;
  for (;;) {
    if (signal?.aborted) throw new UploadRefused('ABORTED', 'Stopped following the job');
    const job = await read().catch(() => null);
    if (job) {
      misses = 0;
      onReading(job);
      if (ENDED.has(job.status)) return job;
    } else if (++misses > maxMisses) {
      throw new UploadRefused('SERVICE_UNAVAILABLE', 'The job could not be read');
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
