// The shell in a real browser (see stack.ts): sign-in page, home page figures, language and theme, the working
// département, global search, breadcrumbs and the page for unknown addresses; axe on each, light and dark.
import type { BrowserContext, Page } from 'playwright-core';
import { checkPageInBothThemes } from './a11y';
import { signInWithForm, startBrowserStack, type BrowserStack } from './stack';

const DROME_ARDECHE_EDITOR = 'editeur.drome-ardeche@demo.ess.local';

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
}, 90_000);

afterAll(async () => {
  await stack?.close();
});

async function signedInPage(pathname = '/', email?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.newContext();
  const [name, value] = (await stack.sessionCookie(email)).split('=') as [string, string];
  await context.addCookies([{ name, value, url: stack.baseUrl }]);
  const page = await stack.openPage(context, pathname);
  await page.getByRole('button', { name: /Se déconnecter|Sign out/ }).waitFor();
  return { context, page };
}

interface HomeFigures {
  plans: { nodes: Array<{ title: string; authorities: Array<{ code: string }>; axes: Array<{ position: number; title: string; progress: { progress: number | null } }> }> } | null;
  all: { totalCount: number } | null;
  cooperatives: { totalCount: number } | null;
}

async function homeFigures(authorities: string[], email?: string): Promise<HomeFigures> {
  return stack.query<HomeFigures>(
    `query ($a: [String!]) { plans(first: 20, filter: { authorities: $a }) { nodes { title authorities { code } axes { position title progress { progress } } } }
       all: actors(first: 0, filter: { authorities: $a }) { totalCount }
       cooperatives: actors(first: 0, filter: { authorities: $a, legalFamilies: [COOPERATIVE] }) { totalCount } }`,
    { a: authorities },
    await stack.sessionCookie(email),
  );
}

/** As the page shows it, spaces normalised like innerText below (narrow no-break spaces become spaces). */
const percent = (value: number, locale = 'fr-FR') => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100).replace(/\s+/g, ' ');

describe('Shell', () => {
  it('has an accessible sign-in page in both themes', async () => {
    const context = await stack.newContext();
    const page = await stack.openPage(context, '/');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await checkPageInBothThemes(page, 'connexion')).toEqual([]);
    await signInWithForm(page);
    // After signing in from "/", the home page.
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
  });

  it('shows the Gard key figures on the home page, as the API computes them', async () => {
    const { page } = await signedInPage('/');
    const api = await homeFigures(['30']);
    const plan = api.plans!.nodes[0]!;
    const table = page.getByRole('table', { name: 'Avancement par axe' }).first();
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    expect(rows).toHaveLength(plan.axes.length);
    for (const [i, axis] of plan.axes.entries()) {
      expect(rows[i]).toContain(`Axe ${axis.position} – ${axis.title}`);
      if (axis.progress.progress !== null) expect(rows[i]).toContain(percent(axis.progress.progress));
    }
    const families = page.getByRole('table', { name: /acteurs par famille juridique/ });
    expect(await families.locator('caption').textContent()).toBe(`${api.all!.totalCount} acteurs par famille juridique`);
    const cooperativeRow = families.locator('tbody tr', { hasText: 'Coopérative' });
    expect((await cooperativeRow.innerText()).replace(/\s+/g, ' ')).toContain(String(api.cooperatives!.totalCount));
    expect(await page.getByRole('heading', { name: 'Dernières modifications' }).count()).toBe(1);
    expect(await page.locator('.latest-changes li').count()).toBeGreaterThan(0);
    expect(await checkPageInBothThemes(page, 'accueil')).toEqual([]);
  });

  it('switches to English (strings, lang, numbers) and keeps the choice after a reload', async () => {
    const { page } = await signedInPage('/');
    await page.getByRole('table', { name: 'Avancement par axe' }).first().waitFor();
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'Actors' }).count()).toBe(1);
    expect(await page.title()).toBe('Home – ESS Administration');
    const api = await homeFigures(['30']);
    const axis = api.plans!.nodes[0]!.axes.find((a) => a.progress.progress !== null && !Number.isInteger(a.progress.progress));
    expect(axis).toBeDefined(); // the demo Gard plan has an axis at 48,3 %
    expect((await page.getByRole('table', { name: 'Progress by axis' }).first().innerText()).replace(/\s+/g, ' ')).toContain(percent(axis!.progress.progress!, 'en-GB'));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect(await checkPageInBothThemes(page, 'home-en')).toEqual([]);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
  });

  it('switches to the dark theme and keeps it after a reload', async () => {
    const { page } = await signedInPage('/');
    await page.getByLabel('Thème').selectOption('dark');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(20, 24, 27)');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.getByLabel('Thème').selectOption('light');
    expect(await background()).toBe('rgb(255, 255, 255)');
  });

  it('lets a person with two départements work on one of them', async () => {
    const { page } = await signedInPage('/', DROME_ARDECHE_EDITOR);
    const both = await homeFigures(['26', '07'], DROME_ARDECHE_EDITOR);
    const drome = await homeFigures(['26'], DROME_ARDECHE_EDITOR);
    const caption = page.getByRole('table', { name: /acteurs par famille juridique/ }).locator('caption');
    await caption.waitFor();
    expect(await caption.textContent()).toBe(`${both.all!.totalCount} acteurs par famille juridique`);
    await page.getByLabel('Département de travail').selectOption('26');
    await page.waitForFunction(
      (text) => document.querySelector('table caption.visually-hidden')?.textContent === text,
      `${drome.all!.totalCount} acteurs par famille juridique`,
    );
    expect(await page.locator('section.panel h2 a').allTextContents()).toEqual(drome.plans!.nodes.map((plan) => plan.title));
    // Kept for the next visit.
    await page.reload();
    expect(await page.getByLabel('Département de travail').inputValue()).toBe('26');
  });

  it('searches actors, plans and actions at once, accents optional, and links to each', async () => {
    const { page } = await signedInPage('/');
    const search = page.getByRole('searchbox', { name: 'Rechercher des acteurs, plans et actions' });
    await search.fill('economie');
    await search.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Recherche globale' }).waitFor();
    expect(new URL(page.url()).search).toBe('?q=economie');
    const api = await stack.query<{ actors: { totalCount: number }; plans: { totalCount: number; nodes: Array<{ title: string }> }; actions: { totalCount: number } }>(
      `query { actors(first: 0, filter: { search: "economie", authorities: ["30"] }) { totalCount }
         plans(first: 10, filter: { search: "economie", authorities: ["30"] }) { totalCount nodes { title } }
         actions(first: 0, filter: { search: "economie", authorities: ["30"] }) { totalCount } }`,
      {},
      await stack.sessionCookie(),
    );
    expect(api.plans.totalCount).toBeGreaterThan(0);
    await page.getByRole('heading', { level: 2, name: `Plans (${api.plans.totalCount})` }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: `Acteurs (${api.actors.totalCount})` }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: `Actions (${api.actions.totalCount})` }).count()).toBe(1);
    expect(await checkPageInBothThemes(page, 'recherche')).toEqual([]);
    await page.getByRole('link', { name: api.plans.nodes[0]!.title }).first().click();
    await page.waitForURL(/\/plans\//);
    // Back returns to the results.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Recherche globale' }).waitFor();
  });

  it('says when an address matches no page, with a way home, and keeps the skip link first', async () => {
    const { page } = await signedInPage('/nulle-part');
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    expect(await checkPageInBothThemes(page, 'introuvable')).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu principal');
    await page.getByRole('link', { name: "Revenir à l'accueil" }).click();
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
  });

  it('logged no errors in the browser or the gateway', () => {
    // The sign-in page asks /auth/session first: Chromium logs its 401 (no session yet) as a failed load.
    const unexpected = stack.browserErrors.filter((line) => !/Failed to load resource: the server responded with a status of 401/.test(line));
    expect(unexpected).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  });
});
