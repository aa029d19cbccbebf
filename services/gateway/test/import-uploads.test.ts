// Imports too large for a GraphQL body, through the real gateway: a SIRENE stock file and a DECP file uploaded to the
// actors and procurement subgraphs, run as jobs the caller follows (progress, then the import's report).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { accessSubgraph } from '@ess/access';
import { actorsSubgraph } from '@ess/actors';
import { procurementSubgraph } from '@ess/procurement';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { composeSupergraph } from '../src/compose';
import { startGateway, type RunningGateway } from '../src/gateway';
import { testGatewayConfig } from '../src/testing';
import { decpFile, decpRecord, siretFor as procurementSiret } from '../../procurement/test/factories';
import { siretFor } from '../../actors/test/factories';
import { silentLog } from './harness';

const DEMO_PASSWORD = 'demo-password-for-import-uploads';
const ROWS = 30_000;

/** INSEE's StockEtablissement header, as published (from the actors' fixture), and a row of it to vary. */
const STOCK = path.join(__dirname, '../../actors/test/fixtures/sirene/StockEtablissement-30.csv');
const [HEADER, TEMPLATE] = readFileSync(STOCK, 'utf8').split('\n');
const COLUMNS = HEADER.split(',');

/** A StockEtablissement file of n establishments of the Gard (several MB at 30 000), built row by row from the template. */
function stockFile(count: number, first: number, bad: Map<number, Record<string, string>> = new Map()): Buffer {
  const template = TEMPLATE.split(',');
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const siret = siretFor(first + i);
    const values: Record<string, string> = {
      siren: siret.slice(0, 9),
      nic: siret.slice(9),
      siret,
      denominationUsuelleEtablissement: `STRUCTURE ${first + i}`,
      ...bad.get(i),
    };
    lines.push(COLUMNS.map((column, c) => values[column] ?? template[c]).join(','));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

interface Followed {
  status: string;
  progress: { done: number; total: number | null; phase: string | null };
  result: any;
  error: { code: string; message: string } | null;
}

describe('imports uploaded through the gateway and run as jobs', () => {
  let access: TestSubgraph;
  let actors: TestSubgraph;
  let procurement: TestSubgraph;
  let gateway: RunningGateway;
  let base: string;
  let session: string;

  beforeAll(async () => {
    process.env.DEMO_PASSWORD = DEMO_PASSWORD;
    access = await startTestSubgraph(accessSubgraph, { seed: true });
    [actors, procurement] = await Promise.all([
      startTestSubgraph(actorsSubgraph, { secret: access.secret }),
      startTestSubgraph(procurementSubgraph, { secret: access.secret }),
    ]);
    const supergraphSdl = composeSupergraph(
      await Promise.all(
        (
          [
            ['access', access, accessSubgraph],
            ['actors', actors, actorsSubgraph],
            ['procurement', procurement, procurementSubgraph],
          ] as const
        ).map(
          async ([name, subgraph, definition]) => ({
            name,
            url: subgraph.url,
            sdl: printSubgraphSchema(await definition.buildSchema(subgraph.dataSource)),
          }),
        ),
      ),
    );
    gateway = await startGateway(testGatewayConfig({ gatewaySecret: access.secret }), { supergraphSdl, log: silentLog });
    base = gateway.url.replace(/\/graphql$/, '');
    const signIn = await fetch(`${base}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'editeur.gard@demo.ess.local', password: DEMO_PASSWORD }),
    });
    session = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    expect(session).toMatch(/^ess_session=/);
  }, 120_000);
  afterAll(async () => {
    delete process.env.DEMO_PASSWORD;
    await gateway?.close();
    await Promise.all([actors?.close(), procurement?.close()]);
    await access?.close();
  });

  async function upload(pathWithQuery: string, body: Buffer, key = randomBytes(6).toString('hex')) {
    const response = await fetch(`${base}/uploads/${pathWithQuery}`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'text/csv', 'idempotency-key': key },
      body: new Uint8Array(body),
    });
    const json = (await response.json()) as { job?: { id: string; status: string }; errors?: Array<{ extensions: { code: string } }> };
    return { status: response.status, job: json.job, code: json.errors?.[0]?.extensions.code };
  }

  /** Polls `<subgraph>Job(id)` until the job ends, keeping every progress seen on the way. */
  async function follow(subgraph: 'actors' | 'procurement', id: string): Promise<Followed & { seen: Followed['progress'][] }> {
    const seen: Followed['progress'][] = [];
    let unanswered = 0;
    for (let i = 0; i < 6000; i++) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session },
        body: JSON.stringify({
          query: `query($id: ID!) { ${subgraph}Job(id: $id) { status progress { done total phase } result error { code message } } }`,
          variables: { id },
        }),
      });
      const json = (await response.json()) as {
        data: Record<string, Followed | null>;
        errors?: Array<{ extensions?: { retryable?: boolean } }>;
      };
      // On a loaded machine a poll may meet the gateway's upstream timeout while a batch runs: the answer says it is
      // retryable, and a client (the SPA) polls again. Anything else fails the test.
      const retryable = json.errors?.length && json.errors.every((e) => e.extensions?.retryable);
      if (!retryable) expect(json.errors).toBeUndefined();
      const job = json.data?.[`${subgraph}Job`];
      if (!job) {
        if (++unanswered > 30) throw new Error(`job ${id}: ${unanswered} polls unanswered`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      seen.push(job.progress);
      if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return { ...job, seen };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${id} did not end`);
  }

  const actorCount = async () => (await actors.dataSource.query(`SELECT count(*)::int AS n FROM actors.actor`))[0].n as number;

  it('imports a SIRENE stock file of several MB: dry run first, then the run with progress, then again: nothing changes', async () => {
    const file = stockFile(ROWS, 100_000);
    expect(file.length).toBeGreaterThan(5 * 1024 * 1024);

    const preview = await upload('actors/sirene?authority=30&dryRun=true', file);
    expect(preview.status).toBe(202);
    const previewed = await follow('actors', preview.job!.id);
    expect(previewed).toMatchObject({ status: 'succeeded', error: null });
    const expected = { applied: false, dryRun: true, layout: 'STOCK_ETABLISSEMENT', rows: ROWS, created: ROWS, errors: [] };
    expect(previewed.result).toMatchObject(expected);
    expect(await actorCount()).toBe(0); // a dry run writes nothing

    const run = await upload('actors/sirene?authority=30', file, 'stock-30-2026-12');
    expect(run.status).toBe(202);
    const done = await follow('actors', run.job!.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ applied: true, dryRun: false, rows: ROWS, created: ROWS, updated: 0, unchanged: 0, errors: [] });
    expect(done.result.summary).toMatch(/^Imported/);
    expect(done.progress).toEqual({ done: file.length, total: file.length, phase: 'done' });
    // progress moved while the job ran: some poll saw a share of the file read, neither nothing nor all of it
    expect(done.seen.some((p) => p.total === file.length && p.done > 0 && p.done < file.length)).toBe(true);
    expect(await actorCount()).toBe(ROWS);

    // the same upload retried (same key): the same job, not a second import
    const retried = await upload('actors/sirene?authority=30', file, 'stock-30-2026-12');
    expect(retried).toMatchObject({ status: 200, job: { id: run.job!.id } });
    // the same file a month later (a new key): read again, and nothing changes
    const again = await follow('actors', (await upload('actors/sirene?authority=30', file)).job!.id);
    expect(again.result).toMatchObject({ applied: true, rows: ROWS, created: 0, updated: 0, unchanged: ROWS });
    expect(again.result.summary).toMatch(/^Nothing changed/);
    expect(await actorCount()).toBe(ROWS);
  }, 600_000);

  it('refuses a SIRENE file with bad rows: the job fails with BAD_USER_INPUT, every bad row in its report, nothing written', async () => {
    const before = await actorCount();
    const bad = new Map<number, Record<string, string>>([
      [3, { codeCommuneEtablissement: '99999' }],
      [1500, { siret: '12345678900023' }],
    ]);
    const file = stockFile(2000, 300_000, bad);
    const refused = await follow('actors', (await upload('actors/sirene?authority=30', file)).job!.id);
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^Nothing written/) });
    expect(refused.result).toMatchObject({ applied: false, rows: 2000, created: 1998 });
    expect([...new Set(refused.result.errors.map((e: { line: number }) => e.line))]).toEqual([5, 1502]);
    expect(await actorCount()).toBe(before);

    // skipping bad rows was asked: the good ones are imported, the bad ones reported
    const skipped = await follow('actors', (await upload('actors/sirene?authority=30&skipInvalidRows=true', file)).job!.id);
    expect(skipped.result).toMatchObject({ applied: true, created: 1998, skipped: 2 });
    expect(await actorCount()).toBe(before + 1998);
  }, 300_000);

  it('refuses an upload before reading it: another authority, an unknown option, a value that is not a boolean', async () => {
    const small = stockFile(2, 400_000);
    expect(await upload('actors/sirene?authority=34', small)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await upload('actors/sirene?authority=30&dryrun=true', small)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await upload('actors/sirene?authority=30&dryRun=yes', small)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await upload('procurement/decp?authority=3O', small)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
  });

  it('imports a DECP file with bad records: refused whole, then with skipInvalidRecords, then again: nothing changes', async () => {
    const buyer = procurementSiret(900_001);
    const good = Array.from({ length: 40 }, (_, i) => decpRecord(buyer, { id: `UP-${i}` }));
    const records = [
      ...good,
      decpRecord(buyer, { id: 'UP-BAD-1', montant: -5 }),
      decpRecord(buyer, { id: 'UP-BAD-2', dateNotification: '2025-13-45' }),
    ];
    const file = Buffer.from(decpFile(records), 'utf8');
    const contracts = async () =>
      (await procurement.dataSource.query(`SELECT count(*)::int AS n FROM procurement.contract`))[0].n as number;

    const previewUpload = await upload('procurement/decp?authority=30&dryRun=true&skipInvalidRecords=true', file);
    const preview = await follow('procurement', previewUpload.job!.id);
    expect(preview.result).toMatchObject({ applied: false, dryRun: true, records: 42, created: 40, skipped: 2 });
    expect(await contracts()).toBe(0);

    const refused = await follow('procurement', (await upload('procurement/decp?authority=30', file)).job!.id);
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'BAD_USER_INPUT' } });
    expect(refused.result).toMatchObject({ applied: false, records: 42 });
    expect([...new Set(refused.result.errors.map((e: { decpId: string }) => e.decpId))].sort()).toEqual(['UP-BAD-1', 'UP-BAD-2']);
    expect(await contracts()).toBe(0);

    const skipped = await follow('procurement', (await upload('procurement/decp?authority=30&skipInvalidRecords=true', file)).job!.id);
    expect(skipped).toMatchObject({ status: 'succeeded', result: { applied: true, created: 40, skipped: 2 } });
    expect(skipped.progress).toMatchObject({ done: 42, total: 42, phase: 'done' });
    expect(await contracts()).toBe(40);

    const again = await follow('procurement', (await upload('procurement/decp?authority=30&skipInvalidRecords=true', file)).job!.id);
    expect(again.result).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 40 });
    expect(await contracts()).toBe(40);

    // XML (the DECP's other format) is told apart by its first character: not XML here, so a clear refusal
    const junk = await follow('procurement', (await upload('procurement/decp?authority=30', Buffer.from('<marches><oops'))).job!.id);
    expect(junk).toMatchObject({ status: 'failed', error: { code: 'BAD_USER_INPUT' } });
  }, 300_000);
});
