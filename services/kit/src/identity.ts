// Who is calling: the gateway signs this identity; subgraphs trust nothing else.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type StaffRole = 'admin' | 'editor' | 'viewer';
export const SCOPES = ['read:actors', 'read:contacts', 'read:procurement', 'read:commons', 'read:plans', 'read:metrics'] as const;
export type Scope = (typeof SCOPES)[number];

export type Identity =
  | { kind: 'anonymous' }
  /** `sessionId`: the session the request came with (absent for identities built otherwise, e.g. in tests). */
  | { kind: 'staff'; userId: string; role: StaffRole; authorities: string[]; sessionId?: string }
  /** `authorities`: those of the key (chosen at creation within its creator's); personal data only of their records. */
  | { kind: 'partner'; keyId: string; scopes: Scope[]; authorities: string[] }
  /** The platform itself: demo data loading, imports run from the command line, tests of internals. */
  | { kind: 'system' };

export const ANONYMOUS: Identity = { kind: 'anonymous' };
export const SYSTEM: Identity = { kind: 'system' };

export const IDENTITY_HEADER = 'x-ess-identity';
export const SIGNATURE_HEADER = 'x-ess-signature';
/** How long a signature stays valid: protects against replays of a captured request. */
export const SIGNATURE_TTL_SECONDS = 60;

function digest(secret: string, timestamp: number, nonce: string, identity: string, body: string): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', secret).update(`${timestamp}.${nonce}.${identity}.${bodyHash}`).digest('hex');
}

export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

/**
 * Headers the gateway adds to each subgraph request: the identity and an HMAC over it, a fresh nonce, the time and the
 * body. The nonce lets the subgraph refuse the same signed request a second time (see ReplayGuard).
 */
export function signRequest(secret: string, identity: Identity, body: string, now = Date.now()): Record<string, string> {
  const encoded = encodeIdentity(identity);
  const timestamp = Math.floor(now / 1000);
  const nonce = randomBytes(16).toString('hex');
  return {
    [IDENTITY_HEADER]: encoded,
    [SIGNATURE_HEADER]: `t=${timestamp},n=${nonce},v1=${digest(secret, timestamp, nonce, encoded, body)}`,
  };
}

export class SignatureError extends Error {}

export interface VerifiedRequest {
  identity: Identity;
  nonce: string;
  /** Seconds since the epoch, as signed. */
  timestamp: number;
}

function checkSignature(
  secret: string,
  headers: { identity?: string | null; signature?: string | null },
  body: string,
  now: number,
): VerifiedRequest {
  const { identity, signature } = headers;
  if (!identity || !signature) throw new SignatureError('missing gateway signature');
  const match = /^t=(\d+),n=([0-9a-f]{32}),v1=([0-9a-f]{64})$/.exec(signature);
  if (!match) throw new SignatureError('malformed gateway signature');
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > SIGNATURE_TTL_SECONDS) throw new SignatureError('expired gateway signature');
  const expected = Buffer.from(digest(secret, timestamp, match[2], identity, body), 'hex');
  const given = Buffer.from(match[3], 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new SignatureError('bad gateway signature');
  try {
    return { identity: parseIdentity(JSON.parse(Buffer.from(identity, 'base64url').toString('utf8'))), nonce: match[2], timestamp };
  } catch {
    throw new SignatureError('malformed identity');
  }
}

/** Verifies what the gateway signed (not whether it was seen before: see verifyFreshRequest); throws SignatureError. */
export function verifyRequest(
  secret: string,
  headers: { identity?: string | null; signature?: string | null },
  body: string,
  now = Date.now(),
): Identity {
  return checkSignature(secret, headers, body, now).identity;
}

/**
 * Where the nonces of accepted requests are remembered until their signature expires. `claim` answers false when the
 * nonce was already claimed. The kit's MemoryNonceStore is per process: with several replicas of a subgraph behind a
 * load balancer, a replay sent to another replica passes, so such deployments plug in a shared store (Redis
 * `SET nonce 1 NX EX ttl` has exactly these semantics).
 */
export interface NonceStore {
  claim(nonce: string, expiresAtMs: number, now: number): boolean | Promise<boolean>;
}

/** A bounded in-process NonceStore: entries leave when their signature expires; when full, it refuses (fails closed). */
export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();
  constructor(private readonly capacity = 500_000) {}

  claim(nonce: string, expiresAtMs: number, now: number): boolean {
    this.sweep(now);
    if (this.seen.has(nonce)) return false;
    if (this.seen.size >= this.capacity) throw new SignatureError('too many signed requests in flight to remember');
    this.seen.set(nonce, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Insertion order is nearly expiry order (every entry lives the same time), so expired ones are at the front. */
  private sweep(now: number): void {
    for (const [nonce, expiresAt] of this.seen) {
      if (expiresAt > now) break;
      this.seen.delete(nonce);
    }
  }
}

/** Verifies the signature and refuses a request whose nonce was already accepted within the signature's lifetime. */
export async function verifyFreshRequest(
  secret: string,
  headers: { identity?: string | null; signature?: string | null },
  body: string,
  store: NonceStore,
  now = Date.now(),
): Promise<Identity> {
  const verified = checkSignature(secret, headers, body, now);
  // Accepted while |now - t| <= TTL: remembered until then, and a second past it for rounding.
  const expiresAtMs = (verified.timestamp + SIGNATURE_TTL_SECONDS + 1) * 1000;
  if (!(await store.claim(verified.nonce, expiresAtMs, now))) throw new SignatureError('replayed gateway request');
  return verified.identity;
}

function parseIdentity(value: unknown): Identity {
  const v = value as Record<string, unknown>;
  switch (v?.kind) {
    case 'anonymous':
      return ANONYMOUS;
    case 'system':
      return SYSTEM;
    case 'staff':
      if (typeof v.userId === 'string' && ['admin', 'editor', 'viewer'].includes(v.role as string) && Array.isArray(v.authorities)) {
        const staff = { kind: 'staff' as const, userId: v.userId, role: v.role as StaffRole, authorities: v.authorities.map(String) };
        return typeof v.sessionId === 'string' ? { ...staff, sessionId: v.sessionId } : staff;
      }
      break;
    case 'partner':
      if (typeof v.keyId === 'string' && Array.isArray(v.scopes) && Array.isArray(v.authorities)) {
        const scopes = v.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s as string));
        return { kind: 'partner', keyId: v.keyId, scopes, authorities: v.authorities.map(String) };
      }
      break;
  }
  throw new SignatureError('unknown identity');
}

/** A short label for the audit log. */
export function describeIdentity(identity: Identity): string {
  switch (identity.kind) {
    case 'staff':
      return `staff:${identity.userId}`;
    case 'partner':
      return `key:${identity.keyId}`;
    default:
      return identity.kind;
  }
}

export function hasScope(identity: Identity, scope: Scope): boolean {
  if (identity.kind === 'system' || identity.kind === 'staff') return true;
  return identity.kind === 'partner' && identity.scopes.includes(scope);
}

/** Staff who may change records of this authority (admins and editors of it); the system may always. */
export function canWrite(identity: Identity, authority: string): boolean {
  if (identity.kind === 'system') return true;
  return identity.kind === 'staff' && identity.role !== 'viewer' && identity.authorities.includes(authority);
}

/**
 * Personal data (contacts of actors…) of a record of this authority: staff of the authority, partner keys with the
 * scope whose authorities include it, and the platform itself. Anonymous callers never.
 */
export function canReadPersonalData(identity: Identity, authority: string, scope: Scope = 'read:contacts'): boolean {
  switch (identity.kind) {
    case 'system':
      return true;
    case 'staff':
      return identity.authorities.includes(authority);
    case 'partner':
      return identity.scopes.includes(scope) && identity.authorities.includes(authority);
    default:
      return false;
  }
}

/**
 * Administers an account or anything that spans several authorities (its sessions…): an admin covering every one of
 * them, or the platform itself. An admin of one of them only does not, so nobody reaches beyond their authorities.
 */
export function administersAll(identity: Identity, authorities: string[]): boolean {
  if (identity.kind === 'system') return true;
  return identity.kind === 'staff' && identity.role === 'admin' && authorities.every((a) => identity.authorities.includes(a));
}
