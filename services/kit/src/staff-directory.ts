// Whether a user id is a staff account, and with which rights: asked of the access subgraph, signed as the platform.
import { isUuid } from './ids';
import { signRequest, SYSTEM, type StaffRole } from './identity';

export interface StaffAccount {
  id: string;
  role: StaffRole;
  authorities: string[];
  active: boolean;
}

/**
 * Subgraphs other than access cannot read its tables (one schema per subgraph); when they must check that an id
 * names a staff account (a juror…), they ask through this. Null: no such account.
 */
export interface StaffDirectory {
  find(userId: string): Promise<StaffAccount | null>;
}

/** The access subgraph's `POST /internal/staff-account`, answered only to requests signed as the platform. */
export class AccessStaffDirectory implements StaffDirectory {
  constructor(
    private readonly accessUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 5000,
  ) {}

  async find(userId: string): Promise<StaffAccount | null> {
    if (!isUuid(userId)) return null;
    const raw = JSON.stringify({ userId });
    const response = await fetch(new URL('/internal/staff-account', this.accessUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signRequest(this.secret, SYSTEM, raw) },
      body: raw,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`the access subgraph answered ${response.status} about a staff account`);
    return (await response.json()) as StaffAccount;
  }
}

/** A fixed directory: for tests, and for tools that run without the access subgraph. */
export class FixedStaffDirectory implements StaffDirectory {
  private readonly accounts = new Map<string, StaffAccount>();

  add(id: string, role: StaffRole, authorities: string[], active = true): this {
    this.accounts.set(id, { id, role, authorities, active });
    return this;
  }

  async find(userId: string): Promise<StaffAccount | null> {
    return this.accounts.get(userId) ?? null;
  }
}
