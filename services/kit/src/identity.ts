// Who is calling: the gateway signs this identity; subgraphs trust nothing else.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type StaffRole = 'admin' | 'editor' | 'viewer';
export const SCOPES = ['read:actors', 'read:contacts', 'read:procurement', 'read:commons', 'read:plans', 'read:metrics'] as const;
export type Scope = (typeof SCOPES)[number];

export type Identity =
  | { kind: 'anonymous' }
  | { kind: 'staff'; userId: string; role: StaffRole; authorities: string[] }
  | { kind: 'partner'; keyId: string; scopes: Scope[] }
  /** The platform itself: demo data loading, imports run from the command line, tests of internals. */
  | { kind: 'system' };

export const ANONYMOUS: Identity = { kind: 'anonymous' };
export const SYSTEM: Identity = { kind: 'system' };

export const IDENTITY_HEADER = 'x-ess-identity';
export const SIGNATURE_HEADER = 'x-ess-signature';
/** How long a signature stays valid: protects against replays of a captured request. */
export const SIGNATURE_TTL_SECONDS = 60;

function digest(secret: string, timestamp: number, identity: string, body: string): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', secret).update(`${timestamp}.${identity}.${bodyHash}`).digest('hex');
}

export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

/** Headers the gateway adds to each subgraph request: the identity and an HMAC over it and the body. */
export function signRequest(secret: string, identity: Identity, body: string, now = Date.now()): Record<string, string> {
  const encoded = encodeIdentity(identity);
  const timestamp = Math.floor(now / 1000);
  return {
    [IDENTITY_HEADER]: encoded,
    [SIGNATURE_HEADER]: `t=${timestamp},v1=${digest(secret, timestamp, encoded, body)}`,
  };
}

export class SignatureError extends Error {}

/** Verifies what the gateway signed; throws SignatureError when anything is off. */
export function verifyRequest(
  secret: string,
  headers: { identity?: string | null; signature?: string | null },
  body: string,
  now = Date.now(),
): Identity {
  const { identity, signature } = headers;
  if (!identity || !signature) throw new SignatureError('missing gateway signature');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
  if (!match) throw new SignatureError('malformed gateway signature');
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > SIGNATURE_TTL_SECONDS) throw new SignatureError('expired gateway signature');
  const expected = Buffer.from(digest(secret, timestamp, identity, body), 'hex');
  const given = Buffer.from(match[2], 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new SignatureError('bad gateway signature');
  try {
    return parseIdentity(JSON.parse(Buffer.from(identity, 'base64url').toString('utf8')));
  } catch {
    throw new SignatureError('malformed identity');
  }
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
        return { kind: 'staff', userId: v.userId, role: v.role as StaffRole, authorities: v.authorities.map(String) };
      }
      break;
    case 'partner':
      if (typeof v.keyId === 'string' && Array.isArray(v.scopes)) {
        return { kind: 'partner', keyId: v.keyId, scopes: v.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s as string)) };
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
