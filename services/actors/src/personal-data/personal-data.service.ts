// The rights of the people behind contacts (RGPD): the access log, access requests, erasure and the retention rule.
import {
  BadInputError,
  ForbiddenError,
  HistoryEntry,
  NotFoundError,
  isUuid,
  lockForEdit,
  paginate,
  SYSTEM,
  type Identity,
  type JobHandler,
  type PeriodicJob,
  type Page,
  type PageArgs,
  type RequestContext,
} from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../actor/actor.entity';
import type { ActorsConfig } from '../config';
import { Contact } from '../contact/contact.entity';
import { recordContactAccesses } from './access-log';
import { anonymiseContacts } from './anonymise';
import { PersonalDataAccess } from './personal-data-access.entity';
import type { ContactDataExport, ErasedContact, RetentionReport } from './personal-data.types';

type Caller = Pick<RequestContext, 'identity' | 'requestId'>;

const MAX_REASON_LENGTH = 500;

/** Exports, erasures and the access log of a contact: admins of the contact's authority, or the platform itself. */
export function assertCanAdministerContacts(identity: Identity, authority: string): void {
  if (identity.kind === 'system') return;
  if (identity.kind === 'staff' && identity.role === 'admin' && identity.authorities.includes(authority)) return;
  throw new ForbiddenError(`Only admins of authority ${authority} may do this with its contacts' personal data`);
}

export class PersonalDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ActorsConfig,
  ) {}

  /** The reads of a contact's data, newest first; still answers once the contact is deleted (the log outlives it). */
  async accesses(context: Caller, contactId: string, page: PageArgs): Promise<Page<PersonalDataAccess>> {
    const authority = isUuid(contactId) ? await this.authorityOfContact(contactId) : null;
    if (!authority) throw new NotFoundError('Contact', contactId);
    assertCanAdministerContacts(context.identity, authority);
    const query = this.dataSource.getRepository(PersonalDataAccess).createQueryBuilder('access').where('access.contact_id = :contactId', { contactId });
    return paginate(query, page, {
      expression: 'access.at',
      value: (access) => access.at.toISOString(),
      direction: 'DESC',
      id: 'access.id',
      idValue: (access) => access.id,
    });
  }

  /** Everything held about a contact, for an access request; the export is itself logged as an access. */
  async exportContact(context: Caller, contactId: string): Promise<ContactDataExport> {
    return this.dataSource.transaction(async (manager) => {
      const contact = isUuid(contactId) ? await manager.findOneBy(Contact, { id: contactId }) : null;
      if (!contact) throw new NotFoundError('Contact', contactId);
      const actor = await manager.findOneByOrFail(Actor, { id: contact.actorId });
      assertCanAdministerContacts(context.identity, actor.authorityCode);
      await recordContactAccesses(manager, context, [{ contactId, actorId: actor.id }], 'access-request');
      const entries: Array<{ id: string; at: Date; who: string; action: string; before: unknown; after: unknown }> = await manager.query(
        `SELECT id::text AS id, at, who, action, before, after FROM actors.audit_log WHERE entity = 'Contact' AND entity_id = $1 ORDER BY at, id`,
        [contactId],
      );
      const history = entries.map((entry) => Object.assign(new HistoryEntry(), entry));
      const accesses = await manager.getRepository(PersonalDataAccess).find({ where: { contactId }, order: { at: 'ASC', id: 'ASC' } });
      const exportedAt = new Date();
      const { id, firstName, lastName, role, email, phone, createdAt, updatedAt, erasedAt } = contact;
      const exported = { id, firstName, lastName, role, email, phone, createdAt, updatedAt, erasedAt };
      const document = {
        exportedAt,
        controller: { authorityCode: actor.authorityCode }, // the département that holds the data
        contact: exported,
        actor: { id: actor.id, name: actor.name },
        history: history.map(({ at, who, action, before, after }) => ({ at, who, action, before, after })),
        accesses: accesses.map(({ at, who, purpose, requestId }) => ({ at, who, purpose, requestId })),
      };
      return {
        exportedAt,
        contact: exported,
        actor: { id: actor.id, name: actor.name },
        history,
        accesses,
        json: JSON.stringify(document, null, 2),
      };
    });
  }

  /** Erases a contact on request: a placeholder instead of its name, nothing personal left in it or in the audit log. */
  async erase(context: Caller, id: string, version: number, reason: string): Promise<ErasedContact> {
    const why = checkReason(reason);
    return this.dataSource.transaction(async (manager) => {
      const contact = await lockForEdit(manager, Contact, 'Contact', id, version, async (row) => {
        const actor = await manager.findOneByOrFail(Actor, { id: row.actorId });
        assertCanAdministerContacts(context.identity, actor.authorityCode);
        if (row.erasedAt) throw BadInputError.field('id', 'this contact is already erased');
      });
      const result = await anonymiseContacts(manager, context, [id], why);
      const [erased] = result.contacts;
      return { id, actorId: contact.actorId, version: erased.version, erasedAt: erased.erasedAt, auditEntriesAnonymised: result.auditEntriesAnonymised };
    });
  }

  applyRetention(context: Caller, dryRun: boolean): Promise<RetentionReport> {
    return applyContactRetention(this.dataSource, context, { months: this.config.contactRetentionMonths, dryRun });
  }

  /** The authority of the contact's actor; for a deleted contact, that of the actor its logged reads name. */
  private async authorityOfContact(contactId: string): Promise<string | null> {
    const rows: Array<{ authority_code: string }> = await this.dataSource.query(
      `(SELECT a.authority_code FROM actors.contact c JOIN actors.actor a ON a.id = c.actor_id WHERE c.id = $1)
       UNION ALL
       (SELECT a.authority_code FROM actors.personal_data_access p JOIN actors.actor a ON a.id = p.actor_id WHERE p.contact_id = $1 ORDER BY p.id DESC LIMIT 1)
       LIMIT 1`,
      [contactId],
    );
    return rows[0]?.authority_code ?? null;
  }
}

function checkReason(reason: string): string {
  const why = reason.trim();
  if (!why) throw BadInputError.field('reason', 'is required (why the contact is erased, without personal data)');
  if (why.length > MAX_REASON_LENGTH) throw BadInputError.field('reason', `must be at most ${MAX_REASON_LENGTH} characters`);
  return why;
}

export interface RetentionOptions {
  /** Contacts of actors ceased or archived for longer than this are anonymised. */
  months: number;
  /** Only report what would be anonymised. */
  dryRun: boolean;
}

/**
 * The retention rule, also for a scheduled job (call it with the SYSTEM identity): anonymises the contacts of actors
 * ceased or archived for more than `months`. Staff admins reach only their authorities. One transaction, one statement
 * per step whatever the number of contacts.
 */
export async function applyContactRetention(dataSource: DataSource, context: Caller, options: RetentionOptions): Promise<RetentionReport> {
  const { identity } = context;
  if (identity.kind !== 'system' && !(identity.kind === 'staff' && identity.role === 'admin')) throw new ForbiddenError('Only admins apply the retention rule');
  const authorities = identity.kind === 'staff' ? identity.authorities : null;
  return dataSource.transaction(async (manager: EntityManager) => {
    const [{ cutoff }]: Array<{ cutoff: Date }> = await manager.query(`SELECT now() - make_interval(months => $1::int) AS cutoff`, [options.months]);
    const due: Array<{ id: string }> = await manager.query(
      `SELECT c.id FROM actors.contact c JOIN actors.actor a ON a.id = c.actor_id
       WHERE c.erased_at IS NULL
         AND ((a.status = 'CEASED' AND a.status_changed_at < $1) OR a.archived_at < $1)
         AND ($2::text[] IS NULL OR a.authority_code = ANY($2::text[]))
       ORDER BY c.id
       FOR UPDATE OF c`,
      [cutoff, authorities],
    );
    const contactIds = due.map((row) => row.id);
    const report = { dryRun: options.dryRun, retentionMonths: options.months, cutoff, contactCount: contactIds.length, contactIds, auditEntriesAnonymised: 0 };
    if (options.dryRun || !contactIds.length) return report;
    const reason = `retention: actor ceased or archived for more than ${options.months} months`;
    const result = await anonymiseContacts(manager, context, contactIds, reason);
    return { ...report, auditEntriesAnonymised: result.auditEntriesAnonymised };
  });
}

/** The job kind of the daily retention run (a periodic job: once a day whatever the number of replicas). */
export const CONTACT_RETENTION = 'contact-retention';

/**
 * The retention rule as a periodic job, as the platform, once a day. Its result keeps counts only: the ids of the
 * contacts it anonymised stay out of the job table (their audit entries say what happened).
 */
export function contactRetentionJob(dataSource: DataSource, config: ActorsConfig): { handler: JobHandler; periodic: PeriodicJob } {
  return {
    handler: async ({ requestId }) => {
      const options = { months: config.contactRetentionMonths, dryRun: false };
      const report = await applyContactRetention(dataSource, { identity: SYSTEM, requestId }, options);
      const { retentionMonths, cutoff, contactCount, auditEntriesAnonymised } = report;
      return { retentionMonths, cutoff, contactCount, auditEntriesAnonymised };
    },
    periodic: { kind: CONTACT_RETENTION, everyMs: 24 * 3600_000, maxAttempts: 3 },
  };
}
