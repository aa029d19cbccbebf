// API keys: created by admins for partners, shown once, resolved by digest for the gateway, revocable at once.
import { randomBytes } from 'node:crypto';
import { BadInputError, ForbiddenError, NotFoundError, isUuid, NO_REVOCATION_PUBLISHER, paginate, recordAudit, SCOPES, type Identity, type Page, type PageArgs, type RequestContext, type RevocationPublisher, type Scope } from '@ess/kit';
import { announce } from '../session/session.service';
import type { DataSource } from 'typeorm';
import { digest, randomToken } from '../secrets';
import { ApiKey, type CreatedApiKey } from './api-key.entity';
import type { CreateApiKeyInput } from './dto/api-key.input';

const SCHEMA = 'access';
const MAX_VALIDITY_DAYS = 731;

function adminAuthorities(identity: Identity): string[] | 'all' {
  if (identity.kind === 'system') return 'all';
  if (identity.kind === 'staff' && identity.role === 'admin') return identity.authorities;
  throw new ForbiddenError('Only admins manage API keys');
}

/** Keys read `ess_<prefix>_<secret>`: the prefix lets people recognise a key without revealing it. */
export function newKey(): { key: string; prefix: string } {
  const prefix = randomBytes(6).toString('hex');
  return { key: `ess_${prefix}_${randomToken(32)}`, prefix };
}

export class ApiKeyService {
  constructor(
    private readonly dataSource: DataSource,
    /** Tells every gateway (through Redis) to refuse a revoked key at once, not when its cache entry expires. */
    private readonly revocations: RevocationPublisher = NO_REVOCATION_PUBLISHER,
  ) {}

  list(context: RequestContext, page: PageArgs): Promise<Page<ApiKey>> {
    const managed = adminAuthorities(context.identity);
    const query = this.dataSource.getRepository(ApiKey).createQueryBuilder('k');
    if (managed !== 'all') query.where('k.authority IN (:...managed)', { managed });
    return paginate(query, page, { expression: 'k.created_at', value: (k) => k.createdAt.toISOString(), direction: 'DESC', id: 'k.id', idValue: (k) => k.id });
  }

  async create(context: RequestContext, input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const managed = adminAuthorities(context.identity);
    if (managed !== 'all' && !managed.includes(input.authority)) throw new ForbiddenError(`You do not manage authority ${input.authority}`);
    const expiresAt = new Date(`${input.expiresOn}T23:59:59.999Z`);
    if (Number.isNaN(expiresAt.getTime())) throw BadInputError.field('expiresOn', 'is not a real date');
    if (expiresAt.getTime() <= Date.now()) throw BadInputError.field('expiresOn', 'must be in the future');
    if (expiresAt.getTime() > Date.now() + MAX_VALIDITY_DAYS * 86_400_000) throw BadInputError.field('expiresOn', 'must be at most 2 years ahead');
    // A key never reaches further than the admin who creates it.
    const chosen = input.authorities?.length ? [...new Set(input.authorities.map((a) => a.toUpperCase()))] : null;
    const authorities = chosen ?? (managed === 'all' ? [input.authority] : managed);
    const outside = managed === 'all' ? [] : authorities.filter((a) => !managed.includes(a));
    if (outside.length) {
      throw BadInputError.field('authorities', `must be among yours (${(managed as string[]).join(', ')}); not ${outside.join(', ')}`);
    }
    const scopes = [...new Set(input.scopes)].filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));
    const { key, prefix } = newKey();
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(ApiKey, {
          name: input.name.trim(),
          authority: input.authority,
          authorities,
          prefix,
          keyDigest: digest(key),
          scopes,
          expiresAt,
          createdBy: context.identity.kind === 'staff' ? context.identity.userId : context.identity.kind,
        }),
      );
      const apiKey = await manager.findOneByOrFail(ApiKey, { id: saved.id });
      await recordAudit(manager, SCHEMA, context, [
        { entity: 'ApiKey', entityId: apiKey.id, action: 'create', after: { name: apiKey.name, authority: apiKey.authority, authorities, prefix, scopes, expiresAt } },
      ]);
      return { key, apiKey };
    });
  }

  async revoke(context: RequestContext, id: string): Promise<ApiKey> {
    const managed = adminAuthorities(context.identity);
    const revoked = await this.dataSource.transaction(async (manager) => {
      const key = isUuid(id) ? await manager.getRepository(ApiKey).createQueryBuilder('k').setLock('pessimistic_write').where('k.id = :id', { id }).getOne() : null;
      if (!key) throw new NotFoundError('ApiKey', id);
      if (managed !== 'all' && !managed.includes(key.authority)) throw new ForbiddenError(`You do not manage authority ${key.authority}`);
      if (key.revokedAt) return key;
      await manager.query(`UPDATE access.api_key SET revoked_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      const after = await manager.findOneByOrFail(ApiKey, { id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'ApiKey', entityId: id, action: 'update', before: { revokedAt: null }, after: { revokedAt: after.revokedAt } }]);
      return after;
    });
    // Announced even when already revoked: a retry after a lost announcement reaches the gateways.
    await announce(this.revocations, { keyId: id });
    return revoked;
  }

  /** For the gateway: the partner identity of a valid key, or null (unknown, revoked or expired). */
  async resolve(key: string): Promise<{ identity: Identity; expiresAt: Date } | null> {
    if (!/^ess_[0-9a-f]{12}_[\w-]{43}$/.test(key)) return null;
    const rows: Array<{ id: string; scopes: string[]; authorities: string[]; expires_at: Date }> = await this.dataSource.query(
      `WITH used AS (
         UPDATE access.api_key SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < now() - interval '1 minute' THEN now() ELSE last_used_at END
         WHERE key_digest = $1 AND revoked_at IS NULL AND expires_at > now() RETURNING id, scopes, authorities, expires_at
       ) SELECT * FROM used`,
      [digest(key)],
    );
    if (!rows.length) return null;
    const row = rows[0];
    const scopes = row.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));
    return { identity: { kind: 'partner', keyId: row.id, scopes, authorities: row.authorities }, expiresAt: row.expires_at };
  }
}
