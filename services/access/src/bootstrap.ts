// First start: the first admin account (password from ADMIN_PASSWORD, or generated and printed once); demo accounts.
import { randomBytes } from 'node:crypto';
import { recordAudit, SYSTEM } from '@ess/kit';
import type { DataSource } from 'typeorm';
import type { AccessConfig } from './config';
import { hashPassword } from './secrets';
import { StaffRole, StaffUser } from './user/user.entity';

const DEMO_DOMAIN = '@demo.ess.local';

function generatedPassword(): string {
  return randomBytes(15).toString('base64url');
}

async function createUsers(dataSource: DataSource, users: Array<Pick<StaffUser, 'email' | 'displayName' | 'role' | 'authorities'> & { password: string }>): Promise<number> {
  const hashed = await Promise.all(users.map(async ({ password, ...user }) => ({ ...user, passwordHash: await hashPassword(password) })));
  return dataSource.transaction(async (manager) => {
    // One starter at a time: replicas starting together must not both create the accounts.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('access.bootstrap'))`);
    const existing = new Set((await manager.find(StaffUser, { select: { email: true } })).map((u) => u.email));
    const missing = hashed.filter((u) => !existing.has(u.email));
    if (!missing.length) return 0;
    const saved = await manager.save(missing.map((u) => manager.create(StaffUser, { ...u, active: true })));
    await recordAudit(manager, 'access', { identity: SYSTEM, requestId: 'bootstrap' }, saved.map((u) => ({ entity: 'StaffUser', entityId: u.id, action: 'create' as const, after: { email: u.email, role: u.role, authorities: u.authorities } })));
    return saved.length;
  });
}

export async function createFirstAdmin(dataSource: DataSource, config: AccessConfig, log: (message: string) => void = console.info): Promise<void> {
  // Demo admins (of one département each) do not count: the platform still needs its own first admin.
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM access.staff_user WHERE role = 'ADMIN' AND email NOT LIKE $1`, [`%${DEMO_DOMAIN}`]);
  if (count > 0) return;
  const password = config.adminPassword ?? generatedPassword();
  const created = await createUsers(dataSource, [{ email: config.adminEmail, displayName: 'Administrateur', role: StaffRole.ADMIN, authorities: config.adminAuthorities, password }]);
  if (created && !config.adminPassword) {
    log(`[access] First admin account created: ${config.adminEmail} / ${password}  (shown once: sign in and change it)`);
  } else if (created) {
    log(`[access] First admin account created: ${config.adminEmail} (password from ADMIN_PASSWORD)`);
  }
}

/** Staff of each demo authority, one per role, sharing one password printed once (DEMO_PASSWORD to choose it). */
export async function createDemoAccounts(dataSource: DataSource, config: AccessConfig, log: (message: string) => void = console.info): Promise<void> {
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM access.staff_user WHERE email LIKE $1`, [`%${DEMO_DOMAIN}`]);
  if (count > 0) return;
  const password = config.demoPassword ?? generatedPassword();
  const people: Array<[string, string, StaffRole, string[]]> = [
    ['admin.gard', 'Admin Gard', StaffRole.ADMIN, ['30']],
    ['editeur.gard', 'Éditrice Gard', StaffRole.EDITOR, ['30']],
    ['lecteur.gard', 'Lecteur Gard', StaffRole.VIEWER, ['30']],
    ['admin.drome', 'Admin Drôme', StaffRole.ADMIN, ['26']],
    ['editeur.drome-ardeche', 'Éditeur Drôme-Ardèche', StaffRole.EDITOR, ['26', '07']],
  ];
  const created = await createUsers(dataSource, people.map(([local, displayName, role, authorities]) => ({ email: `${local}@demo.ess.local`, displayName, role, authorities, password })));
  if (created) log(`[access] Demo accounts: ${people.map(([local]) => `${local}@demo.ess.local`).join(', ')}; password ${config.demoPassword ? 'from DEMO_PASSWORD' : password}`);
}
