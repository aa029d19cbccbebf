// The actors page in a real browser (see stack.ts): signed in as the Gard editor, over the real gateway and subgraphs.
import type { BrowserContext, Page } from 'playwright-core';
import { startBrowserStack, type BrowserStack } from './stack';

const PAGE_SIZE = 25;

interface ActorRow {
  name: string;
  family: string;
  commune: string;
  authority: string;
  inclusion: string;
  networks: string;
}

let stack: BrowserStack;
let context: BrowserContext;
let baseUrl: string;

/** The same question asked to the gateway directly: what the page should show. */
async function expected(filter: Record<string, unknown>): Promise<{ totalCount: number; names: string[] }> {
  const data = await stack.query<{ actors: { totalCount: number; edges: Array<{ node: { name: string } }> } }>(
    'query ($filter: ActorFilter) { actors(first: 500, filter: $filter) { totalCount edges { node { name } } } }',
    { filter },
  );
  return { totalCount: data.actors.totalCount, names: data.actors.edges.map((edge) => edge.node.name) };
}

async function openPage(): Promise<Page> {
  return stack.openPage(context);
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
  stack = await startBrowserStack();
  baseUrl = stack.baseUrl;
  context = await stack.newContext();
  // Signed in as the Gard editor (the sign-in page itself is tested in plans-page.test.ts).
  const [name, value] = (await stack.sessionCookie()).split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
}, 60_000);

afterAll(async () => {
  await stack?.close();
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
    expect(stack.browserErrors).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  });
});
