// A staff member's file, larger than the GraphQL body limit, streamed through the gateway into a subgraph's job.
import { createHash, randomBytes } from 'node:crypto';
import { printSubgraphSchema } from '@apollo/subgraph';
import { accessSubgraph } from '@ess/access';
import { buildFederatedSchema, canWrite, ForbiddenError, JobQueue, jobResolver, jobsMigration, type SubgraphDefinition } from '@ess/kit';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { composeSupergraph } from '../src/compose';
import { startGateway, type RunningGateway } from '../src/gateway';
import { testGatewayConfig } from '../src/testing';
import { silentLog } from './harness';

const DEMO_PASSWORD = 'demo-password-for-uploads';

// A subgraph with one upload route, as actors will mount the SIRENE import.
const filesSubgraph: SubgraphDefinition = {
  name: 'files',
  defaultPort: 0,
  entities: [],
  migrations: [jobsMigration('files')],
  createLoaders: () => ({}),
  buildSchema(dataSource) {
    const FilesJobResolver = jobResolver('files');
    return buildFederatedSchema({
      resolvers: [FilesJobResolver],
      resolverInstances: [new FilesJobResolver(new JobQueue(dataSource, 'files'))],
    });
  },
  jobs: () => ({
    handlers: {
      digest: async ({ upload }) => {
        const hash = createHash('sha256');
        let bytes = 0;
        for await (const chunk of upload()) {
          hash.update(chunk);
          bytes += chunk.length;
        }
        return { bytes, sha256: hash.digest('hex') };
      },
    },
    uploads: {
      digest: {
        kind: 'digest',
        accept(identity, params) {
          const authority = params.get('authority') ?? '';
          if (!canWrite(identity, authority)) throw new ForbiddenError('Upload for one of your authorities');
          return { authority };
        },
      },
    },
  }),
};

describe('uploads through the gateway', () => {
  let access: TestSubgraph;
  let files: TestSubgraph;
  let gateway: RunningGateway;
  let base: string;
  let session: string;

  beforeAll(async () => {
    process.env.DEMO_PASSWORD = DEMO_PASSWORD;
    access = await startTestSubgraph(accessSubgraph, { seed: true });
    files = await startTestSubgraph(filesSubgraph, { secret: access.secret });
    const supergraphSdl = composeSupergraph([
      { name: 'access', url: access.url, sdl: printSubgraphSchema(await accessSubgraph.buildSchema(access.dataSource)) },
      { name: 'files', url: files.url, sdl: printSubgraphSchema(await filesSubgraph.buildSchema(files.dataSource)) },
    ]);
    gateway = await startGateway(testGatewayConfig({ gatewaySecret: access.secret, maxUploadBytes: 8 * 1024 * 1024 }), {
      supergraphSdl,
      log: silentLog,
    });
    base = gateway.url.replace(/\/graphql$/, '');
    const signIn = await fetch(`${base}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'editeur.gard@demo.ess.local', password: DEMO_PASSWORD }),
    });
    session = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    expect(session).toMatch(/^ess_session=/);
  });
  afterAll(async () => {
    delete process.env.DEMO_PASSWORD;
    await gateway?.close();
    await files?.close();
    await access?.close();
  });

  const send = (path: string, body: Buffer, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'text/csv', 'idempotency-key': randomBytes(6).toString('hex'), ...headers },
      body: new Uint8Array(body),
    });

  it('streams a 3 MiB file (over the 1 MiB body limit) to the subgraph as a job the caller follows through the graph', async () => {
    const file = randomBytes(3 * 1024 * 1024);
    const response = await send('/uploads/files/digest?authority=30', file, { 'idempotency-key': 'stock-30' });
    expect(response.status).toBe(202);
    const { job } = (await response.json()) as { job: { id: string; status: string; uploadBytes: number } };
    expect(job).toMatchObject({ status: 'queued', uploadBytes: file.length });

    let followed: { status: string; result: unknown; authority: string } | undefined;
    for (let i = 0; i < 200 && followed?.status !== 'succeeded'; i++) {
      const answer = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session },
        body: JSON.stringify({ query: 'query($id: ID!) { filesJob(id: $id) { status result authority } }', variables: { id: job.id } }),
      });
      followed = ((await answer.json()) as { data: { filesJob: typeof followed } }).data.filesJob;
      if (followed?.status !== 'succeeded') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(followed).toEqual({
      status: 'succeeded',
      authority: '30',
      result: { bytes: file.length, sha256: createHash('sha256').update(file).digest('hex') },
    });

    // Sent again (a retry after a lost answer): the same job.
    const again = await send('/uploads/files/digest?authority=30', file, { 'idempotency-key': 'stock-30' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { job: { id: string } }).job.id).toBe(job.id);
  });

  it('refuses what it must, with a code, and creates no job', async () => {
    const small = randomBytes(1024);
    const code = async (response: Response) => [
      response.status,
      ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
    ];
    expect(await code(await send('/uploads/files/digest?authority=30', small, { cookie: '' }))).toEqual([401, 'UNAUTHENTICATED']);
    expect(await code(await send('/uploads/files/digest?authority=26', small))).toEqual([403, 'FORBIDDEN']);
    expect(await code(await send('/uploads/files/digest?authority=30', small, { 'idempotency-key': '' }))).toEqual([400, 'BAD_USER_INPUT']);
    expect(await code(await send('/uploads/nowhere/digest?authority=30', small))).toEqual([404, 'NOT_FOUND']);
    expect(await code(await send('/uploads/files/nothing?authority=30', small))).toEqual([404, 'NOT_FOUND']);
    expect(await code(await send('/uploads/files/digest?authority=30', small, { origin: 'https://evil.example' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(await code(await send('/uploads/files/digest?authority=30', randomBytes(9 * 1024 * 1024)))).toEqual([413, 'BAD_REQUEST']);
    const [{ n }] = await files.dataSource.query(`SELECT count(*)::int AS n FROM files.job WHERE idempotency_key <> 'stock-30'`);
    expect(n).toBe(0);
  });
});
