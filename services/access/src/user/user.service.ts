// Staff accounts: admins manage the accounts of their own authorities; every change is versioned and audited.
import { BadInputError, ForbiddenError, lockForEdit, paginate, recordAudit, writeVersioned, type Identity, type Page, type PageArgs, type RequestContext } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { hashPassword, passwordProblem, verifyPassword } from '../secrets';
import type { CreateUserInput, UpdateUserInput } from './dto/user.input';
import { auditedUser, StaffRole, StaffUser } from './user.entity';

const SCHEMA = 'access';

/** The authorities an admin manages; the system manages all. */
function managedAuthorities(identity: Identity): string[] | 'all' {
  if (identity.kind === 'system') return 'all';
  if (identity.kind === 'staff' && identity.role === 'admin') return identity.authorities;
  throw new ForbiddenError('Only admins manage accounts');
}

function assertManages(identity: Identity, authorities: string[]): void {
  const managed = managedAuthorities(identity);
  if (managed === 'all') return;
  const outside = authorities.filter((a) => !managed.includes(a));
  if (outside.length) throw new ForbiddenError(`You do not manage authority ${outside.join(', ')}`);
}

export class UserService {
  constructor(private readonly dataSource: DataSource) {}

  list(context: RequestContext, page: PageArgs): Promise<Page<StaffUser>> {
    const managed = managedAuthorities(context.identity);
    const query = this.dataSource.getRepository(StaffUser).createQueryBuilder('u');
    if (managed !== 'all') query.where('u.authorities && :managed', { managed });
    return paginate(query, page, { expression: 'u.email', value: (u) => u.email, direction: 'ASC', id: 'u.id', idValue: (u) => u.id });
  }

  async create(context: RequestContext, input: CreateUserInput): Promise<StaffUser> {
    const email = input.email.trim().toLowerCase();
    const authorities = [...new Set(input.authorities.map((a) => a.toUpperCase()))];
    assertManages(context.identity, authorities);
    if (input.password != null) {
      const problem = passwordProblem(input.password);
      if (problem) throw BadInputError.field('password', problem);
    }
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(StaffUser, { email })) throw BadInputError.field('email', 'is already used by another account');
      const user = await manager.save(
        manager.create(StaffUser, { email, displayName: input.displayName.trim(), role: input.role, authorities, passwordHash, active: true }),
      );
      await recordAudit(manager, SCHEMA, context, [{ entity: 'StaffUser', entityId: user.id, action: 'create', after: auditedUser(user) }]);
      return user;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdateUserInput): Promise<StaffUser> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockForEdit(manager, StaffUser, 'StaffUser', id, version, (user) => assertManages(context.identity, user.authorities));
      const changes: Partial<StaffUser> = {};
      if (input.displayName !== undefined) changes.displayName = input.displayName.trim();
      if (input.role !== undefined) changes.role = input.role;
      if (input.authorities !== undefined) {
        changes.authorities = [...new Set(input.authorities.map((a) => a.toUpperCase()))];
        assertManages(context.identity, changes.authorities);
      }
      if (input.active !== undefined) changes.active = input.active;
      if (context.identity.kind === 'staff' && context.identity.userId === id && (changes.active === false || (changes.role && changes.role !== StaffRole.ADMIN))) {
        throw BadInputError.field(changes.active === false ? 'active' : 'role', 'you cannot remove your own admin access');
      }
      const after = await writeVersioned(manager, StaffUser, 'StaffUser', id, version, changes);
      if (changes.active === false || changes.authorities || changes.role) {
        // Rights changed: sessions opened with the old ones end now.
        await manager.query(`UPDATE access.session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      }
      await recordAudit(manager, SCHEMA, context, [{ entity: 'StaffUser', entityId: id, action: 'update', before: auditedUser(before), after: auditedUser(after) }]);
      return after;
    });
  }

  async changeOwnPassword(context: RequestContext, current: string, next: string): Promise<boolean> {
    if (context.identity.kind !== 'staff') throw new ForbiddenError('Only staff accounts have a password');
    const problem = passwordProblem(next);
    if (problem) throw BadInputError.field('newPassword', problem);
    const userId = context.identity.userId;
    const row = await this.dataSource.getRepository(StaffUser).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: userId }).getOne();
    if (!row || !(await verifyPassword(current, row.passwordHash))) throw BadInputError.field('currentPassword', 'is not your current password');
    const hash = await hashPassword(next);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE access.staff_user SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1`, [userId, hash]);
      // Whoever knew the old password may hold a session: every other one ends; the one changing it stays.
      const current = context.identity.kind === 'staff' ? (context.identity.sessionId ?? null) : null;
      const ended: Array<{ id: string }> = await manager.query(
        `WITH ended AS (
           UPDATE access.session SET revoked_at = now()
           WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2::uuid RETURNING id
         ) SELECT id FROM ended`,
        [userId, current],
      );
      const after = { password: 'changed', sessionsEnded: ended.length };
      await recordAudit(manager, SCHEMA, context, [{ entity: 'StaffUser', entityId: userId, action: 'update', after }]);
    });
    return true;
  }
}
