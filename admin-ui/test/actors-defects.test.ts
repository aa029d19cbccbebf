// Defects of the registry screens found by trying them (issue 16), as the Gard editor in a real browser: the list
// filters on a commune; an actor's page adds it to a network and takes it out; the amount it holds says why it differs
// from its listed contracts; the home page's latest changes say what changed. axe in both themes.
import type { BrowserContext, Page } from 'playwright-core';
import { checkPageInBothThemes } from './a11y';
import { startBrowserStack, type BrowserStack } from './stack';

let stack: BrowserStack;
let context: BrowserContext;
let cookie: string;

beforeAll(async () => {
  stack = await startBrowserStack();
  cookie = await stack.sessionCookie();
  context = await stack.newContext();
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: stack.baseUrl }]);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function open(pathname: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(new URL(pathname, stack.baseUrl).href);
  return page;
}

interface Actor {
  id: string;
  name: string;
  networks: Array<{ id: string; name: string }>;
}

async function actors(filter: Record<string, unknown>): Promise<{ totalCount: number; nodes: Actor[] }> {
  const data = await stack.query<{ actors: { totalCount: number; nodes: Actor[] } }>(
    'query ($filter: ActorFilter) { actors(first: 200, filter: $filter) { totalCount nodes { id name networks { id name } } } }',
    { filter },
    cookie,
  );
  return data.actors;
}

describe('Actors', () => {
  it('filters the list on a commune (INSEE code), kept in the address', async () => {
    const nimes = await actors({ authorities: ['30'], communeCodes: ['30189'] });
    const all = await actors({ authorities: ['30'] });
    expect(nimes.totalCount).toBeGreaterThan(0);
    expect(nimes.totalCount).toBeLessThan(all.totalCount);

    const page = await open('/acteurs');
    await page.locator('table tbody tr').first().waitFor({ timeout: 15_000 });
    await page.getByText('Plus de filtres').click();
    const commune = page.getByLabel('Commune (code INSEE)');
    await commune.fill('30189');
    await commune.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('commune') === '30189');
    const count = nimes.totalCount === 1 ? '1 acteur' : `${nimes.totalCount} acteurs`;
    await page.waitForFunction((want) => document.querySelector('.result-count')?.textContent === want, count, { timeout: 10_000 });
    const names = await page.locator('table tbody tr th a, table tbody tr td a').allTextContents();
    for (const actor of nimes.nodes) expect(names).toContain(actor.name);
    expect(await checkPageInBothThemes(page, 'acteurs-commune')).toEqual([]);

    // Shared as an address, the filter comes back.
    const again = await open('/acteurs?commune=30189');
    await again.waitForFunction((want) => document.querySelector('.result-count')?.textContent === want, count, { timeout: 15_000 });
    await again.close();
    await page.close();
  });

  it('adds an actor to a network from its page, then takes it out', async () => {
    const gard = await actors({ authorities: ['30'] });
    const { networks } = await stack.query<{ networks: { nodes: Array<{ id: string; name: string; authorityCode: string | null }> } }>(
      '{ networks(first: 100) { nodes { id name authorityCode } } }',
      {},
      cookie,
    );
    const network = networks.nodes.find((n) => n.authorityCode === '30')!;
    const actor = gard.nodes.find((a) => !a.networks.some((n) => n.id === network.id))!;

    const page = await open(`/acteurs/${actor.id}`);
    const panel = page.getByRole('region', { name: 'Réseaux' });
    await panel.waitFor({ timeout: 15_000 });
    await panel.getByLabel('Ajouter à un réseau').selectOption({ label: network.name });
    await panel.getByRole('button', { name: 'Ajouter au réseau' }).click();
    await panel.getByText(`Acteur ajouté au réseau ${network.name}.`).waitFor();
    await panel.getByRole('link', { name: network.name }).waitFor();
    expect((await actors({ authorities: ['30'], networkId: network.id })).nodes.map((a) => a.id)).toContain(actor.id);
    expect(await checkPageInBothThemes(page, 'acteur-reseaux')).toEqual([]);

    await panel.getByRole('button', { name: `Retirer de ${network.name}` }).click();
    await panel.getByText(`Acteur retiré du réseau ${network.name}.`).waitFor();
    await page.waitForFunction((name) => ![...document.querySelectorAll('section a')].some((a) => a.textContent === name), network.name);
    expect((await actors({ authorities: ['30'], networkId: network.id })).nodes.map((a) => a.id)).not.toContain(actor.id);
    await page.close();
  });

  it('says why the amount held differs from the listed contracts', async () => {
    const [holder] = (await actors({ search: 'Jardins d’Insertion d’Alès' })).nodes;
    const page = await open(`/acteurs/${holder!.id}`);
    await page.getByText(/^Montant détenu aujourd'hui/).waitFor({ timeout: 15_000 });
    expect(
      await page.getByText(/partagé à parts égales avec les co-attributaires ; la liste donne le montant initial de chaque marché/).count(),
    ).toBe(1);
    await page.close();
  });
});

const KINDS = ['Création', 'Modification', 'Archivage', 'Restauration', 'Import SIRENE', 'Import', 'Lien retiré', 'Lien', 'Déplacement', 'Suppression'];

describe('Home', () => {
  it('says what each latest change changed', async () => {
    const page = await open('/');
    const latest = page.getByRole('region', { name: 'Dernières modifications' });
    await latest.locator('li').first().waitFor({ timeout: 15_000 });
    const lines = await latest.locator('li').allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    // Each line ends with the kind of change (and an edit's fields), e.g. "(Modification : Statut)".
    for (const line of lines)
      expect(line).toMatch(
        new RegExp(`\\((${KINDS.join('|')})( : [^)]+)?\\)$`),
      );
    await page.close();
  });

  it('logged no errors in the browser or the gateway', () => {
    expect(stack.browserErrors).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  });
});
