import { startStack, type Stack } from './harness';

const DEMO_PASSWORD = 'audit-demo-password';

// A scripted series of mutations through the gateway: one audit record for each, none for those that failed.
describe('audit of mutations', () => {
  let stack: Stack;
  let editor: Record<string, string>;
  beforeAll(async () => {
    process.env.DEMO_PASSWORD = DEMO_PASSWORD;
    stack = await startStack({ withAccess: true });
    const base = stack.gateway.url.replace(/\/graphql$/, '');
    const response = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'editeur.gard@demo.ess.local', password: DEMO_PASSWORD }) });
    editor = { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] };
  });
  afterAll(async () => {
    delete process.env.DEMO_PASSWORD;
    await stack?.close();
  });

  async function run(query: string, variables: Record<string, unknown> = {}) {
    const response = await stack.query(query, variables, editor);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[\w-]{36}$/);
    const rows: Array<{ who: string; entity: string; action: string; before: unknown; after: unknown }> = await stack.actors.dataSource.query(
      `SELECT who, entity, action, before, after FROM actors.audit_log WHERE request_id = $1`,
      [requestId],
    );
    return { response, rows };
  }

  it('writes exactly one record per mutation, with who and what, and none for failed ones', async () => {
    const created = await run('mutation { createActor(input: { name: "Audit SCOP", communeCode: "30189" }) { id version } }');
    expect(created.rows).toHaveLength(1);
    expect(created.rows[0]).toMatchObject({ entity: 'Actor', action: 'create', who: expect.stringMatching(/^staff:/) });
    const { id } = created.response.body.data.createActor;

    const updated = await run('mutation ($id: ID!) { updateActor(id: $id, version: 1, input: { description: "Coopérative" }) { version } }', { id });
    expect(updated.rows).toHaveLength(1);
    expect(updated.rows[0]).toMatchObject({ action: 'update', before: expect.objectContaining({ description: null }), after: expect.objectContaining({ description: 'Coopérative' }) });

    const stale = await run('mutation ($id: ID!) { updateActor(id: $id, version: 1, input: { description: "Trop tard" }) { version } }', { id });
    expect(stale.response.body.errors![0].extensions.code).toBe('CONFLICT');
    expect(stale.rows).toHaveLength(0);

    const badSiret = await run('mutation { createActor(input: { name: "Mauvais SIRET", communeCode: "30189", siret: "12345678901234" }) { id } }');
    expect(badSiret.response.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'siret' });
    expect(badSiret.rows).toHaveLength(0);

    const forbidden = await run('mutation { createActor(input: { name: "Hors Gard", communeCode: "26362" }) { id } }');
    expect(forbidden.response.body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(forbidden.rows).toHaveLength(0);

    const contact = await run('mutation ($id: ID!) { createContact(actorId: $id, input: { firstName: "Inès", lastName: "Audit" }) { id } }', { id });
    expect(contact.rows.map((r) => `${r.entity}:${r.action}`)).toEqual(['Contact:create']);
    const archived = await run('mutation ($id: ID!) { archiveActor(id: $id, version: 2) { archivedAt } }', { id });
    expect(archived.rows.map((r) => `${r.entity}:${r.action}`)).toEqual(['Actor:archive']);

    const [{ n }] = await stack.actors.dataSource.query(`SELECT count(*)::int AS n FROM actors.audit_log WHERE entity_id = $1`, [id]);
    expect(n).toBe(3);
  });

  it('cannot be changed or emptied by the application', async () => {
    await expect(stack.actors.dataSource.query(`UPDATE actors.audit_log SET who = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(stack.actors.dataSource.query(`DELETE FROM actors.audit_log`)).rejects.toThrow(/append-only/);
  });
});
