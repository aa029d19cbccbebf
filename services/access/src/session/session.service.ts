// Sign-in with a local password or OpenID Connect, sessions that expire and can be revoked, and their resolution for the gateway.
import { administersAll, ForbiddenError, NotFoundError, isUuid, recordAudit, SYSTEM, NO_REVOCATION_PUBLISHER } from '@ess/kit';
import type { Identity, RequestContext, Revocation, RevocationPublisher, StaffRole } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { digest, randomToken, verifyPassword } from '../secrets';
import { StaffUser } from '../user/user.entity';
import { Session } from './session.entity';

const SCHEMA = 'access';

export interface SignedIn {
  token: string;
  expiresAt: Date;
  user: { id: string; email: string; displayName: string; role: string; authorities: string[] };
}

export interface SessionMeta {
  userAgent?: string;
  address?: string;
  requestId: string;
}

/** What the gateway tells about a person after verifying the provider's answer (signature, issuer, audience, nonce, expiry). */
export interface OidcClaims {
  issuer: string;
  subject: string;
  email?: string;
  /** The provider vouches for the address (email_verified, or a provider configured as verifying every address). */
  emailVerified: boolean;
}

export type OidcRefusal = 'NO_ACCOUNT' | 'EMAIL_NOT_VERIFIED' | 'OIDC_IDENTITY_MISMATCH';

export function staffIdentity(user: { id: string; role: string; authorities: string[] }, sessionId?: string): Identity {
  const identity: Identity = { kind: 'staff', userId: user.id, role: user.role.toLowerCase() as StaffRole, authorities: user.authorities };
  return sessionId ? { ...identity, sessionId } : identity;
}

/** Per-account sign-in throttle: from this many failures in a row, each failure blocks the email typed a while. */
export const SIGN_IN_FREE_FAILURES = 5;
/** The longest block: an attacker can slow an account's owner down by this much, never lock them out for long. */
export const SIGN_IN_MAX_DELAY_SECONDS = 30;
/** Failures older than this are forgotten (the count starts again). */
const SIGN_IN_FAILURE_MEMORY = '15 minutes';

/** Wrong password, unknown or inactive account (indistinguishable), or the email is throttled for a few seconds. */
export type SignInRefusal = { refused: 'INVALID_CREDENTIALS' } | { refused: 'THROTTLED'; retryAfterSeconds: number };

export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlHours: number,
    /** Tells every gateway (through Redis) to forget an ended session at once, not when its cache entry expires. */
    private readonly revocations: RevocationPublisher = NO_REVOCATION_PUBLISHER,
  ) {}

  /**
   * A refusal alike for a wrong email or password and for inactive accounts. Every attempt is counted against the email
   * typed before the password is checked (a row lock orders concurrent attempts, whatever gateway or client address they
   * come from); a success clears the count. From the SIGN_IN_FREE_FAILURES-th failure in a row, the email is blocked
   * 1 s, then 2, 4… up to SIGN_IN_MAX_DELAY_SECONDS; attempts while blocked are not evaluated (nor counted).
   */
  async signIn(email: string, password: string, meta: SessionMeta): Promise<SignedIn | SignInRefusal> {
    const login = email.trim().toLowerCase();
    const blocked = await this.countAttempt(login);
    if (blocked) return { refused: 'THROTTLED', retryAfterSeconds: blocked };
    const user = await this.dataSource
      .getRepository(StaffUser)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: login })
      .getOne();
    const valid = await verifyPassword(password, user?.passwordHash ?? null);
    if (!user || !valid || !user.active) return { refused: 'INVALID_CREDENTIALS' };
    await this.dataSource.query(`DELETE FROM access.sign_in_throttle WHERE email = $1`, [login]);
    return (await this.createSession(user.id, meta, { method: 'password' })) ?? { refused: 'INVALID_CREDENTIALS' };
  }

  /** Counts one attempt for the email; answers the seconds to wait when it is blocked (then nothing is counted). */
  private async countAttempt(login: string): Promise<number> {
    const rows: Array<{ failures: number }> = await this.dataSource.query(
      `WITH counted AS (
         INSERT INTO access.sign_in_throttle AS t (email, failures, last_failure_at) VALUES ($1, 1, now())
         ON CONFLICT (email) DO UPDATE SET
           failures = CASE WHEN t.last_failure_at < now() - $2::interval THEN 1 ELSE t.failures + 1 END,
           last_failure_at = now(),
           blocked_until = CASE WHEN t.last_failure_at >= now() - $2::interval AND t.failures + 1 >= $3
             THEN now() + least(power(2, t.failures + 1 - $3), $4) * interval '1 second' END
         WHERE t.blocked_until IS NULL OR t.blocked_until <= now()
         RETURNING t.failures
       ) SELECT failures FROM counted`,
      [login, SIGN_IN_FAILURE_MEMORY, SIGN_IN_FREE_FAILURES, SIGN_IN_MAX_DELAY_SECONDS],
    );
    if (rows.length) {
      // Forget emails nobody tried for a day (unknown ones included), a few at a time.
      if (Math.random() < 0.05) {
        await this.dataSource.query(
          `DELETE FROM access.sign_in_throttle
           WHERE email IN (SELECT email FROM access.sign_in_throttle WHERE last_failure_at < now() - interval '1 day' LIMIT 100)`,
        );
      }
      return 0;
    }
    const [row]: Array<{ wait: number }> = await this.dataSource.query(
      `SELECT greatest(1, ceil(extract(epoch FROM blocked_until - now())))::int AS wait FROM access.sign_in_throttle WHERE email = $1`,
      [login],
    );
    return row?.wait ?? 1;
  }

  /** A new session for an active account, however the person proved who they are; null for an unknown or inactive account. */
  async createSession(userId: string, meta: SessionMeta, how: { method: 'password' | 'oidc'; issuer?: string } = { method: 'password' }): Promise<SignedIn | null> {
    if (!isUuid(userId)) return null;
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(StaffUser).findOneBy({ id: userId, active: true });
      return user ? this.open(manager, user, meta, how) : null;
    });
  }

  /**
   * Sign-in with OpenID Connect, once the gateway has verified the provider's answer. Accounts are never created here:
   * the provider's subject finds the account it was linked to; otherwise a verified email finds an active account not yet
   * linked, and the subject is stored on it for the next times.
   */
  async signInWithOidc(claims: OidcClaims, meta: SessionMeta): Promise<SignedIn | { refused: OidcRefusal }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const users = manager.getRepository(StaffUser);
        let user = await users.createQueryBuilder('u').setLock('pessimistic_write').where('u.oidcSubject = :subject', { subject: claims.subject }).getOne();
        if (!user) {
          const email = claims.email?.trim().toLowerCase();
          if (!email) return { refused: 'NO_ACCOUNT' as const };
          if (!claims.emailVerified) return { refused: 'EMAIL_NOT_VERIFIED' as const };
          user = await users.createQueryBuilder('u').setLock('pessimistic_write').where('u.email = :email', { email }).getOne();
          if (!user || !user.active) return { refused: 'NO_ACCOUNT' as const };
          // Linked to another identity: an address alone never moves an account to someone else.
          if (user.oidcSubject !== null && user.oidcSubject !== claims.subject) return { refused: 'OIDC_IDENTITY_MISMATCH' as const };
          if (user.oidcSubject === null) {
            await manager.query(`UPDATE access.staff_user SET oidc_subject = $2, version = version + 1, updated_at = now() WHERE id = $1`, [user.id, claims.subject]);
            await recordAudit(manager, SCHEMA, { identity: staffIdentity(user), requestId: meta.requestId }, [
              { entity: 'StaffUser', entityId: user.id, action: 'update', before: { oidcSubject: null }, after: { oidcSubject: claims.subject, oidcIssuer: claims.issuer } },
            ]);
          }
        }
        if (!user.active) return { refused: 'NO_ACCOUNT' as const };
        return this.open(manager, user, meta, { method: 'oidc', issuer: claims.issuer });
      });
    } catch (error) {
      // Two accounts cannot share a subject (unique index): a concurrent link of the same subject elsewhere won.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') return { refused: 'OIDC_IDENTITY_MISMATCH' };
      throw error;
    }
  }

  private async open(manager: EntityManager, user: StaffUser, meta: SessionMeta, how: { method: 'password' | 'oidc'; issuer?: string }): Promise<SignedIn> {
    const token = randomToken();
    const expiresAt = new Date(Date.now() + this.ttlHours * 3_600_000);
    const session = await manager.save(
      manager.create(Session, { tokenDigest: digest(token), userId: user.id, expiresAt, lastSeenAt: new Date(), userAgent: meta.userAgent?.slice(0, 300) ?? null, address: meta.address ?? null }),
    );
    await manager.query(`UPDATE access.staff_user SET last_sign_in_at = now() WHERE id = $1`, [user.id]);
    await recordAudit(manager, SCHEMA, { identity: staffIdentity(user), requestId: meta.requestId }, [
      { entity: 'Session', entityId: session.id, action: 'create', after: { userId: user.id, expiresAt, method: how.method, ...(how.issuer ? { issuer: how.issuer } : {}) } },
    ]);
    return { token, expiresAt, user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, authorities: user.authorities } };
  }

  /** For other subgraphs: an account's rights (role in lower case, as in identities), active or not; null when unknown. */
  async staffAccount(userId: string): Promise<{ id: string; role: StaffRole; authorities: string[]; active: boolean } | null> {
    if (!isUuid(userId)) return null;
    const [row]: Array<{ id: string; role: string; authorities: string[]; active: boolean }> = await this.dataSource.query(
      `SELECT id, role, authorities, active FROM access.staff_user WHERE id = $1`,
      [userId],
    );
    return row ? { id: row.id, role: row.role.toLowerCase() as StaffRole, authorities: row.authorities, active: row.active } : null;
  }

  /** For the gateway: the staff identity (with the session's id) of a live session of an active account, or null. */
  async resolve(token: string): Promise<{ identity: Identity; expiresAt: Date; user: SignedIn['user'] } | null> {
    if (!/^[\w-]{43}$/.test(token)) return null;
    type Row = { session_id: string; expires_at: Date; id: string; email: string; display_name: string; role: string };
    type Rights = { authorities: string[] };
    const rows: Array<Row & Rights> = await this.dataSource.query(
      `WITH live AS (
         UPDATE access.session s SET last_seen_at = CASE WHEN s.last_seen_at < now() - interval '1 minute' THEN now() ELSE s.last_seen_at END
         FROM access.staff_user u
         WHERE s.token_digest = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.id = s.user_id AND u.active
         RETURNING s.id AS session_id, s.expires_at, u.id, u.email, u.display_name, u.role, u.authorities
       ) SELECT * FROM live`,
      [digest(token)],
    );
    if (!rows.length) return null;
    const row = rows[0];
    const user = { id: row.id, email: row.email, displayName: row.display_name, role: row.role, authorities: row.authorities };
    return { identity: staffIdentity(user, row.session_id), expiresAt: row.expires_at, user };
  }

  async signOut(token: string, requestId: string): Promise<void> {
    if (!/^[\w-]{43}$/.test(token)) return;
    const ended = await this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; user_id: string }> = await manager.query(
        // (A CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.)
        `WITH ended AS (UPDATE access.session SET revoked_at = now() WHERE token_digest = $1 AND revoked_at IS NULL RETURNING id, user_id) SELECT * FROM ended`,
        [digest(token)],
      );
      if (rows.length) {
        await recordAudit(manager, SCHEMA, { identity: SYSTEM, requestId }, [{ entity: 'Session', entityId: rows[0].id, action: 'update', after: { revoked: 'sign-out' } }]);
      }
      return rows[0]?.id as string | undefined;
    });
    if (ended) await announce(this.revocations, { sessionId: ended });
  }

  /** Sessions of an account: the person themself, or an admin of every one of the account's authorities. */
  async listFor(context: RequestContext, userId: string): Promise<Session[]> {
    await this.assertCanManage(context, userId);
    return this.dataSource.getRepository(Session).find({ where: { userId }, order: { createdAt: 'DESC' }, take: 50 });
  }

  async revoke(context: RequestContext, sessionId: string): Promise<Session> {
    const session = isUuid(sessionId) ? await this.dataSource.getRepository(Session).findOneBy({ id: sessionId }) : null;
    if (!session) throw new NotFoundError('Session', sessionId);
    await this.assertCanManage(context, session.userId);
    const revoked = await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE access.session SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, [sessionId]);
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Session', entityId: sessionId, action: 'update', after: { revoked: 'revoked' } }]);
      return manager.findOneByOrFail(Session, { id: sessionId });
    });
    await announce(this.revocations, { sessionId });
    return revoked;
  }

  private async assertCanManage(context: RequestContext, userId: string): Promise<void> {
    const identity = context.identity;
    if (identity.kind === 'system' || (identity.kind === 'staff' && identity.userId === userId)) return;
    if (identity.kind === 'staff' && identity.role === 'admin') {
      const user = isUuid(userId) ? await this.dataSource.getRepository(StaffUser).findOneBy({ id: userId }) : null;
      if (!user) throw new NotFoundError('StaffUser', userId);
      if (administersAll(identity, user.authorities)) return;
    }
    throw new ForbiddenError('You cannot manage the sessions of this account');
  }
}

/**
 * After the commit: the revocation is already in force at the access subgraph; if Redis cannot carry the news, other
 * gateways still refuse the session or key when their cache entry expires (AUTH_CACHE_TTL_MS), so it is not an error.
 */
export async function announce(revocations: RevocationPublisher, revocation: Revocation): Promise<void> {
  try {
    await revocations.publish(revocation);
  } catch (error) {
    console.error('[access] could not announce a revocation to the gateways', error);
  }
}
