// Who is calling: a partner API key, a staff session cookie, or nobody. The access subgraph decides; answers are cached briefly
// and dropped at once when the access subgraph announces a revocation (REDIS_URL).
import { createHash } from 'node:crypto';
import { ANONYMOUS, SYSTEM, signRequest, type Identity, type Revocation } from '@ess/kit';

export const SESSION_COOKIE = 'ess_session';

export type Credentials = { apiKey: string } | { sessionToken: string } | null;

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** An API key in `Authorization: Bearer …` or `X-API-Key`, else a session cookie, else nothing. */
export function credentialsOf(headers: Record<string, string | string[] | undefined>): Credentials {
  const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const headerKey = typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined;
  if (bearer || headerKey) return { apiKey: (bearer ?? headerKey) as string };
  const sessionToken = readCookie(typeof headers.cookie === 'string' ? headers.cookie : undefined, SESSION_COOKIE);
  return sessionToken ? { sessionToken } : null;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: string;
  authorities: string[];
}

interface Resolved {
  identity: Identity;
  user?: SessionUser;
  expiresAt: string;
}

/** Calls the access subgraph's internal endpoints, signed as the platform itself. */
export class AccessClient {
  private readonly cache = new Map<string, { value: Resolved | null; until: number }>();
  /** Counts revocations heard: an answer that was in flight while one arrived is not cached (it may predate it). */
  private revocationsHeard = 0;

  constructor(
    private readonly accessUrl: string | null,
    private readonly secret: string,
    private readonly cacheTtlMs: number,
    private readonly timeoutMs: number,
  ) {}

  get available(): boolean {
    return this.accessUrl !== null;
  }

  async call(route: string, body: unknown): Promise<{ status: number; body: any }> {
    if (!this.accessUrl) return { status: 503, body: { code: 'SERVICE_UNAVAILABLE' } };
    const raw = JSON.stringify(body);
    const response = await fetch(new URL(`/internal/${route}`, this.accessUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signRequest(this.secret, SYSTEM, raw) },
      body: raw,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return { status: response.status, body: await response.json().catch(() => ({})) };
  }

  /** The caller's identity; null when the credentials are invalid, revoked or expired. */
  async resolve(credentials: Credentials): Promise<Resolved | null> {
    if (!credentials) return { identity: ANONYMOUS, expiresAt: '' };
    const secret = 'apiKey' in credentials ? `k:${credentials.apiKey}` : `s:${credentials.sessionToken}`;
    const key = createHash('sha256').update(secret).digest('hex');
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.value;
    const heardBefore = this.revocationsHeard;
    const { status, body } = await this.call('resolve', credentials);
    if (status >= 500) throw new Error(`access subgraph answered ${status}`);
    const value = status === 200 ? (body as Resolved) : null;
    if (this.cacheTtlMs > 0 && this.revocationsHeard === heardBefore) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, { value, until: Date.now() + this.cacheTtlMs });
    }
    return value;
  }

  /** A session or key revoked at the access subgraph (possibly through another gateway): refused from now on. */
  revoked(revocation: Revocation): void {
    this.revocationsHeard++;
    for (const [key, entry] of this.cache) {
      const identity = entry.value?.identity;
      if (!identity) continue;
      if ('keyId' in revocation && identity.kind === 'partner' && identity.keyId === revocation.keyId) this.cache.delete(key);
      if ('sessionId' in revocation && identity.kind === 'staff' && identity.sessionId === revocation.sessionId) this.cache.delete(key);
    }
  }

  /** Announcements may have been missed (Redis connection lost): nothing cached is trusted any longer. */
  forgetAll(): void {
    this.revocationsHeard++;
    this.cache.clear();
  }

  forget(credentials: Credentials): void {
    if (!credentials) return;
    const secret = 'apiKey' in credentials ? `k:${credentials.apiKey}` : `s:${credentials.sessionToken}`;
    this.cache.delete(createHash('sha256').update(secret).digest('hex'));
  }
}
