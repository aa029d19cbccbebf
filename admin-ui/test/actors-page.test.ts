// The actors page in a real browser: the SPA is built, served by the real gateway over the real actors subgraph
// (demo data on a fresh PostgreSQL database), and driven with Debian's Chromium through playwright-core.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { printSubgraphSchema } from '@apollo/subgraph';
import { actorsSubgraph } from '@ess/actors';
import { composeSupergraph, startGateway, testGatewayConfig, type RunningGateway } from '@ess/gateway';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ADMIN_UI = path.resolve(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PAGE_SIZE = 25;

interface ActorRow {
  name: string;
  family: string;
  commune: string;
  authority: string;
  inclusion: string;
  networks: string;
}

let outDir: string;
let subgraph: TestSubgraph;
let gateway: RunningGateway;
let browser: Browser;
let context: BrowserContext;
let baseUrl: string;
const browserErrors: string[] = [];
const gatewayErrors: unknown[][] = [];

/** Builds the SPA into a scratch folder, so that a test run never leaves a half-built admin-ui/dist behind. */
async function buildSpa(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ess-admin-ui-'));
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ADMIN_UI });
  return dir;
}

async function startStack(adminUiDir: Promise<string>): Promise<void> {
  subgraph = await startTestSubgraph(actorsSubgraph, { seed: true });
  const sdl = printSubgraphSchema(await actorsSubgraph.buildSchema(subgraph.dataSource));
  const supergraphSdl = composeSupergraph([{ name: 'actors', url: subgraph.url, sdl }]);
  gateway = await startGateway(
    testGatewayConfig({ gatewaySecret: subgraph.secret, adminUiDir: await adminUiDir }),
    { supergraphSdl, log: { info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => gatewayErrors.push(args) } },
  );
  baseUrl = `http://127.0.0.1:${gateway.port}`;
}

/** The same question asked to the gateway directly: what the page should show. */
async function expected(filter: Record<string, unknown>): Promise<{ totalCount: number; names: string[] }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query ($filter: ActorFilter) { actors(first: 500, filter: $filter) { totalCount edges { node { name } } } }',
      variables: { filter },
    }),
  });
  const body = (await response.json()) as { data: { actors: { totalCount: number; edges: Array<{ node: { name: string } }> } } };
  return { totalCount: body.data.actors.totalCount, names: body.data.actors.edges.map((edge) => edge.node.name) };
}

async function openPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') browserErrors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => browserErrors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`));
  await page.goto(baseUrl);
  return page;
}

/** Waits until the count says `text` and nothing is loading any more. */
async function waitForCount(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (want) => document.querySelector('[role="status"]')?.textContent === want && !document.querySelector('[aria-busy="true"]'),
    text,
    { timeout: 10_000 },
  );
}

async function rows(page: Page): Promise<ActorRow[]> {
  return page.$$eval('table tbody tr', (trs) =>
    trs.map((tr) => {
      const cell = (i: number) => ((tr as HTMLTableRowElement).cells[i]?.innerText ?? '').replace(/\s+/g, ' ').trim();
      return { name: cell(0), family: cell(1), commune: cell(2), authority: cell(3), inclusion: cell(4), networks: cell(5) };
    }),
  );
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const build = buildSpa();
  build.catch(() => undefined); // awaited by startStack; avoids an unhandled rejection if the stack fails first
  [, , browser] = await Promise.all([
    build.then((dir) => (outDir = dir)),
    startStack(build),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await gateway?.close();
  await subgraph?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('Acteurs de l’ESS', () => {
  it('lists the demo actors in French, with their count and an accessible table', async () => {
    const page = await openPage();
    const all = await expected({});
    expect(all.totalCount).toBeGreaterThan(PAGE_SIZE);
    await waitForCount(page, `${all.totalCount} acteurs`);

    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.title()).toBe("Acteurs de l'ESS – ESS Administration");
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("Acteurs de l'ESS");
    expect(await page.locator('main#contenu').count()).toBe(1);
    expect(await page.locator('a.skip-link').getAttribute('href')).toBe('#contenu');
    expect(await page.getByLabel('Rechercher un acteur').count()).toBe(1);
    expect(await page.getByLabel('Département').count()).toBe(1);
    expect(await page.getByLabel('Famille juridique').count()).toBe(1);

    expect(await page.locator('table caption').textContent()).toBe(`Acteurs de l'ESS : ${PAGE_SIZE} affichés sur ${all.totalCount}`);
    expect(await page.locator('thead th[scope="col"]').allTextContents()).toEqual(['Nom', 'Famille juridique', 'Commune', 'Département', "Type d'inclusion", 'Réseaux']);

    const shown = await rows(page);
    expect(shown.map((row) => row.name)).toEqual(all.names.slice(0, PAGE_SIZE));
    const archer = shown.find((row) => row.name === 'Groupe ARCHER');
    expect(archer).toMatchObject({ family: expect.stringMatching(/^Société commerciale de l'ESS/), commune: 'Romans-sur-Isère 26100', authority: 'Drôme (26)', networks: 'Pôle Sud' });
    expect(shown.find((row) => row.name === "Les Jardins d'Insertion d'Alès")?.inclusion).toBe('ACI');
  });

  it('searches without accents: "cooperative" finds the cooperatives', async () => {
    const page = await openPage();
    const all = await expected({});
    await waitForCount(page, `${all.totalCount} acteurs`);
    const found = await expected({ search: 'cooperative' });
    expect(found.totalCount).toBeLessThan(all.totalCount);

    const graphqlRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') graphqlRequests.push(request.postData() ?? '');
    });
    await page.getByLabel('Rechercher un acteur').pressSequentially('cooperative', { delay: 20 });
    await waitForCount(page, `${found.totalCount} acteurs`);
    // Debounced: one request for the whole word, not one per key.
    expect(graphqlRequests).toHaveLength(1);
    expect(JSON.parse(graphqlRequests[0]!).variables.filter).toEqual({ search: 'cooperative' });

    const shown = await rows(page);
    expect(shown.map((row) => row.name)).toEqual(found.names);
    // French stemming: "cooperative" also finds "coopération" (Pôle Sud, an association); every other row is a Coopérative.
    for (const row of shown) expect(`${row.name} ${row.family}`).toMatch(/coop[ée]rati(ve|on)/i);
    expect(shown.filter((row) => row.family.startsWith('Coopérative')).length).toBeGreaterThanOrEqual(shown.length - 1);
    expect(shown.find((row) => row.name === 'SCIC Gard et Autonomie')?.family).toMatch(/^Coopérative/);
  });

  it('filters by département: Ardèche shows only actors of the 07', async () => {
    const page = await openPage();
    const all = await expected({});
    await waitForCount(page, `${all.totalCount} acteurs`);
    const ardeche = await expected({ authorities: ['07'] });
    expect(ardeche.totalCount).toBeGreaterThan(0);

    await page.getByLabel('Département').selectOption({ label: 'Ardèche (07)' });
    await waitForCount(page, `${ardeche.totalCount} acteurs`);
    const shown = await rows(page);
    expect(shown.map((row) => row.name)).toEqual(ardeche.names);
    expect(new Set(shown.map((row) => row.authority))).toEqual(new Set(['Ardèche (07)']));

    // Legal family on top: the Ardèche cooperatives; then "Effacer les filtres" brings everything back.
    const cooperatives = await expected({ authorities: ['07'], legalFamilies: ['COOPERATIVE'] });
    await page.getByLabel('Famille juridique').selectOption({ label: 'Coopérative' });
    await waitForCount(page, cooperatives.totalCount === 1 ? '1 acteur' : `${cooperatives.totalCount} acteurs`);
    expect((await rows(page)).map((row) => row.name)).toEqual(cooperatives.names);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await waitForCount(page, `${all.totalCount} acteurs`);
  });

  it('"Charger plus" appends the next page, without duplicates, and moves focus to it', async () => {
    const page = await openPage();
    const all = await expected({});
    await waitForCount(page, `${all.totalCount} acteurs`);
    expect(await page.locator('table tbody tr').count()).toBe(PAGE_SIZE);

    const loadMore = page.getByRole('button', { name: 'Charger plus' });
    await loadMore.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length === n, Math.min(all.totalCount, 2 * PAGE_SIZE));

    const names = (await rows(page)).map((row) => row.name);
    expect(names).toEqual(all.names.slice(0, 2 * PAGE_SIZE));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('SCIC Gard et Autonomie');
    // The first new row has the focus; the count has not changed.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(all.names[PAGE_SIZE]);
    expect(await page.locator('[role="status"]').textContent()).toBe(`${all.totalCount} acteurs`);
    if (all.totalCount <= 2 * PAGE_SIZE) expect(await loadMore.count()).toBe(0);

    if (process.env.ADMIN_UI_SCREENSHOT) await page.screenshot({ path: process.env.ADMIN_UI_SCREENSHOT, fullPage: true });
  });

  it('says when nothing matches', async () => {
    const page = await openPage();
    await page.getByLabel('Rechercher un acteur').fill('zzzxq');
    await page.keyboard.press('Enter');
    await waitForCount(page, 'Aucun acteur');
    expect(await page.getByText('Aucun acteur ne correspond à ces critères.').count()).toBe(1);
    expect(await page.locator('table').count()).toBe(0);
  });

  it('shows a French message and the error code, never the server’s message', async () => {
    const page = await context.newPage();
    await page.route('**/graphql', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ data: null, errors: [{ message: 'Error: connect ECONNREFUSED 10.0.0.7:4001\n    at secret.ts:12', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }),
      }),
    );
    await page.goto(baseUrl);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain("Les acteurs n'ont pas pu être chargés.");
    expect(text).toContain('SERVICE_UNAVAILABLE');
    expect(await page.content()).not.toMatch(/ECONNREFUSED|secret\.ts/);
    expect(await alert.getByRole('button', { name: 'Réessayer' }).count()).toBe(1);
    await page.close();
  });

  it('logged no errors in the browser or the gateway', () => {
    expect(browserErrors).toEqual([]);
    expect(gatewayErrors).toEqual([]);
  });
});
