// The audit log is append-only for whoever connects, its owner included; only an RGPD rewrite of values gets through.
import { allowAuditRewrite, auditAppendOnlySql, auditTableSql, createDataSource, createScratchDatabase, recordAudit, SYSTEM } from '@ess/kit';
import { testServerUrl } from '@ess/kit/testing';
import type { DataSource } from 'typeorm';

describe('append-only audit log', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createScratchDatabase(testServerUrl(), 't_kit_audit');
    dataSource = createDataSource({ url: database.url, schema: 'ledger', entities: [], migrations: [] });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA ledger`);
    for (const statement of auditTableSql('ledger')) await dataSource.query(statement);
    await dataSource.transaction((manager) =>
      recordAudit(manager, 'ledger', { identity: SYSTEM, requestId: 'r1' }, [
        { entity: 'Person', entityId: 'p1', action: 'create', after: { name: 'Ada' } },
        { entity: 'Person', entityId: 'p2', action: 'create', after: { name: 'Grace' } },
      ]),
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const rows = () => dataSource.query(`SELECT entity_id, who, action, after FROM ledger.audit_log ORDER BY id`);

  it.each([
    ['UPDATE', `UPDATE ledger.audit_log SET after = '{"name":"Eve"}'`],
    ['DELETE', `DELETE FROM ledger.audit_log WHERE entity_id = 'p1'`],
    ['TRUNCATE', `TRUNCATE ledger.audit_log`],
  ])('refuses %s, even to the owner of the table', async (operation, sql) => {
    await expect(dataSource.query(sql)).rejects.toMatchObject({ message: `ledger.audit_log is append-only: ${operation} refused`, code: '42501' });
    expect(await rows()).toHaveLength(2);
  });

  it('lets an RGPD rewrite change before/after values inside its transaction, and nothing else', async () => {
    await dataSource.transaction(async (manager) => {
      await allowAuditRewrite(manager);
      await manager.query(`UPDATE ledger.audit_log SET after = '{"name":"(effacé)"}' WHERE entity_id = 'p1'`);
    });
    expect((await rows())[0]).toEqual({ entity_id: 'p1', who: 'system', action: 'create', after: { name: '(effacé)' } });

    const forged = dataSource.transaction(async (manager) => {
      await allowAuditRewrite(manager);
      await manager.query(`UPDATE ledger.audit_log SET who = 'someone else' WHERE entity_id = 'p2'`);
    });
    await expect(forged).rejects.toMatchObject({ code: '42501' });
    const deleted = dataSource.transaction(async (manager) => {
      await allowAuditRewrite(manager);
      await manager.query(`DELETE FROM ledger.audit_log`);
    });
    await expect(deleted).rejects.toMatchObject({ code: '42501' });
    expect(await rows()).toHaveLength(2);
  });

  it('closes the exception with the transaction', async () => {
    await dataSource.transaction((manager) => allowAuditRewrite(manager));
    await expect(dataSource.query(`UPDATE ledger.audit_log SET after = NULL`)).rejects.toMatchObject({ code: '42501' });
    await expect(allowAuditRewrite(dataSource.manager)).rejects.toThrow(/needs a transaction/);
  });

  it('can be applied again to a table that has it (idempotent) and still holds', async () => {
    for (const statement of auditAppendOnlySql('ledger')) await dataSource.query(statement);
    for (const statement of auditAppendOnlySql('ledger')) await dataSource.query(statement);
    const triggers = await dataSource.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'ledger.audit_log'::regclass AND NOT tgisinternal ORDER BY tgname`);
    expect(triggers.map((t: { tgname: string }) => t.tgname)).toEqual(['audit_log_append_only', 'audit_log_no_truncate']);
    await expect(dataSource.query(`DELETE FROM ledger.audit_log`)).rejects.toMatchObject({ code: '42501' });
  });

  it('accepts only plain schema names (they are spliced into SQL)', () => {
    expect(() => auditAppendOnlySql('x"; DROP TABLE y; --')).toThrow(/not a plain/);
  });
});
