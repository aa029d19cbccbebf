// The admin SPA in a real browser: the SPA is built, served by the real gateway over the real actors, plans and access
// subgraphs (demo data on fresh PostgreSQL databases), and driven with Debian's Chromium through playwright-core.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { printSubgraphSchema } from '@apollo/subgraph';
import { accessSubgraph } from '@ess/access';
import { actorsSubgraph } from '@ess/actors';
import { composeSupergraph, startGateway, testGatewayConfig, type RunningGateway } from '@ess/gateway';
import { AccessStaffDirectory, type SubgraphDefinition } from '@ess/kit';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { createCommonsSubgraph } from '@ess/commons';
import { plansSubgraph } from '@ess/plans';
import { procurementSubgraph } from '@ess/procurement';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ADMIN_UI = path.resolve(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The password of the demo staff accounts (editeur.gard@demo.ess.local…), fixed for the tests. */
export const DEMO_PASSWORD = 'admin-ui-demo-password';
export const GARD_EDITOR = 'editeur.gard@demo.ess.local';

export interface BrowserStack {
  baseUrl: string;
  gateway: RunningGateway;
  browser: Browser;
  /** Errors and warnings of the pages opened with openPage, and errors the gateway logged. */
  browserErrors: string[];
  gatewayErrors: unknown[][];
  newContext(): Promise<BrowserContext>;
  openPage(context: BrowserContext, pathname?: string): Promise<Page>;
  /** A GraphQL request to the gateway, as the given session cookie (or anonymously). */
  query<T>(query: string, variables?: Record<string, unknown>, cookie?: string): Promise<T>;
  /** Signs in through the API and returns the session cookie ("ess_session=…"). */
  sessionCookie(email?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the SPA into a scratch folder, so that a test run never leaves a half-built admin-ui/dist behind. */
async function buildSpa(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ess-admin-ui-'));
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ADMIN_UI });
  return dir;
}

async function startSubgraphs(): Promise<{ subgraphs: TestSubgraph[]; supergraphSdl: string; secret: string }> {
  process.env.DEMO_PASSWORD = DEMO_PASSWORD;
  const actors = await startTestSubgraph(actorsSubgraph, { seed: true });
  // Jurors are checked with the access subgraph (started beside it: its address is known once it runs).
  const staffDirectory = { find: (userId: string) => new AccessStaffDirectory(others[0]!.url, actors.secret).find(userId) };
  const commonsSubgraph = createCommonsSubgraph({ staffDirectory });
  const definitions: Array<SubgraphDefinition<any>> = [accessSubgraph, plansSubgraph, procurementSubgraph, commonsSubgraph];
  let others: TestSubgraph[] = [];
  others = await Promise.all(definitions.map((definition) => startTestSubgraph(definition, { seed: true, secret: actors.secret })));
  const all = [{ definition: actorsSubgraph, running: actors }, ...definitions.map((definition, i) => ({ definition, running: others[i]! }))];
  const supergraphSdl = composeSupergraph(
    await Promise.all(
      all.map(async ({ definition, running }) => ({
        name: definition.name,
        url: running.url,
        sdl: printSubgraphSchema(await definition.buildSchema(running.dataSource)),
      })),
    ),
  );
  return { subgraphs: all.map(({ running }) => running), supergraphSdl, secret: actors.secret };
}

export async function startBrowserStack(): Promise<BrowserStack> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const build = buildSpa();
  build.catch(() => undefined); // awaited below; avoids an unhandled rejection if the subgraphs fail first
  const [outDir, { subgraphs, supergraphSdl, secret }, browser] = await Promise.all([
    build,
    startSubgraphs(),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
  const gatewayErrors: unknown[][] = [];
  const gateway = await startGateway(testGatewayConfig({ gatewaySecret: secret, adminUiDir: outDir }), {
    supergraphSdl,
    log: { info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => gatewayErrors.push(args) },
  });
  const baseUrl = `http://127.0.0.1:${gateway.port}`;
  const browserErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    gateway,
    browser,
    browserErrors,
    gatewayErrors,
    async newContext() {
      const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      return context;
    },
    async openPage(context, pathname = '/') {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') browserErrors.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`));
      page.on('requestfailed', (request) => {
        // urql cancels the queries of a screen that goes away (navigation, sign-out): Chromium reports them as aborted.
        if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
        browserErrors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`);
      });
      await page.goto(new URL(pathname, baseUrl).href);
      return page;
    },
    async query<T>(query: string, variables: Record<string, unknown> = {}, cookie?: string) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown[] };
      if (!response.ok || body.errors || !body.data) throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    async sessionCookie(email = GARD_EDITOR) {
      const response = await fetch(`${baseUrl}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status}`);
      const cookie = response.headers.get('set-cookie')?.split(';')[0];
      if (!cookie) throw new Error('no session cookie');
      return cookie;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await gateway.close();
      for (const subgraph of subgraphs) await subgraph.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/** Fills in the sign-in page as a person would and waits for the app (the sign-out button). */
export async function signInWithForm(page: Page, email = GARD_EDITOR, password = DEMO_PASSWORD): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor({ timeout: 10_000 });
}
