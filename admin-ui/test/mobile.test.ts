// Every page kind at 390 px wide (a phone), as the Gard editor: no sideways scroll (the page is no wider than the
// screen), nothing of the header cut, badges beside their progress bars, history dates on one line; axe clean in both
// themes; screenshots saved with the others (admin-ui/test-artifacts/screenshots/mobile-*).
import type { BrowserContext, Page } from 'playwright-core';
import { checkPageInBothThemes } from './a11y';
import { startBrowserStack, type BrowserStack } from './stack';

const GARD_PLAN = 'Schéma départemental de l’économie sociale et solidaire du Gard';
const WIDTH = 390;

let stack: BrowserStack;
let context: BrowserContext;
let ids: { plan: string; action: string; actor: string; agreement: string };

beforeAll(async () => {
  stack = await startBrowserStack();
  const cookie = await stack.sessionCookie();
  const data = await stack.query<{
    plans: { nodes: Array<{ id: string; title: string; actions: { nodes: Array<{ id: string; title: string }> } }> };
    actors: { nodes: Array<{ id: string }> };
    agreements: { nodes: Array<{ id: string }> };
  }>(
    `{ plans(first: 20, filter: { authorities: ["30"] }) { nodes { id title actions(first: 100) { nodes { id title } } } }
       actors(first: 1, filter: { authorities: ["30"] }) { nodes { id } }
       agreements(first: 1) { nodes { id } } }`,
    {},
    cookie,
  );
  const plan = data.plans.nodes.find((p) => p.title === GARD_PLAN)!;
  ids = {
    plan: plan.id,
    action: plan.actions.nodes.find((a) => a.title === 'Appel à communs')!.id,
    actor: data.actors.nodes[0]!.id,
    agreement: data.agreements.nodes[0]!.id,
  };
  context = await stack.browser.newContext({
    locale: 'fr-FR',
    viewport: { width: WIDTH, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
  });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: stack.baseUrl }]);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

/** How far the page scrolls sideways (0 when it fits), and the elements sticking out of the screen. */
async function overflow(page: Page): Promise<{ scroll: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const culprits: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.right <= root.clientWidth + 0.5) continue;
      // Inside a container that scrolls on its own (a wide table in its scroll box): not the page's overflow.
      let parent = element.parentElement;
      let contained = false;
      while (parent && parent !== document.body) {
        const style = getComputedStyle(parent);
        if (
          ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) &&
          parent.getBoundingClientRect().right <= root.clientWidth + 0.5
        )
          contained = true;
        parent = parent.parentElement;
      }
      if (!contained) culprits.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} right=${Math.round(rect.right)}`);
    }
    return { scroll: root.scrollWidth - root.clientWidth, culprits: culprits.slice(0, 8) };
  });
}

const PAGES: Array<{ name: string; path: () => string; ready: (page: Page) => Promise<unknown> }> = [
  {
    name: 'accueil',
    path: () => '/',
    ready: (page) => page.getByRole('heading', { level: 2, name: GARD_PLAN }).waitFor({ timeout: 15_000 }),
  },
  { name: 'acteurs', path: () => '/acteurs', ready: (page) => page.locator('table tbody tr').first().waitFor({ timeout: 15_000 }) },
  {
    name: 'acteur',
    path: () => `/acteurs/${ids.actor}`,
    ready: (page) => page.getByRole('heading', { name: 'Historique des modifications' }).waitFor({ timeout: 15_000 }),
  },
  {
    name: 'acteur-nouveau',
    path: () => '/acteurs/nouveau',
    ready: (page) => page.getByRole('heading', { level: 1 }).waitFor({ timeout: 15_000 }),
  },
  {
    name: 'acteurs-import',
    path: () => '/acteurs/import',
    ready: (page) => page.getByRole('heading', { level: 1 }).waitFor({ timeout: 15_000 }),
  },
  { name: 'plans', path: () => '/plans', ready: (page) => page.getByRole('article', { name: GARD_PLAN }).waitFor({ timeout: 15_000 }) },
  {
    name: 'plan',
    path: () => `/plans/${ids.plan}`,
    ready: (page) => page.getByRole('heading', { level: 1, name: GARD_PLAN }).waitFor({ timeout: 15_000 }),
  },
  {
    name: 'action',
    path: () => `/actions/${ids.action}`,
    ready: (page) => page.locator('.indicator-chart svg').first().waitFor({ timeout: 15_000 }),
  },
  {
    name: 'action-nouvelle',
    path: () => `/plans/${ids.plan}/actions/nouvelle`,
    ready: (page) => page.getByRole('heading', { level: 1, name: 'Nouvelle action' }).waitFor({ timeout: 15_000 }),
  },
  { name: 'conventions', path: () => '/accords', ready: (page) => page.locator('table tbody tr').first().waitFor({ timeout: 15_000 }) },
  {
    name: 'convention',
    path: () => `/accords/${ids.agreement}`,
    ready: (page) => page.getByRole('heading', { level: 1 }).waitFor({ timeout: 15_000 }),
  },
  {
    name: 'recherche',
    path: () => '/recherche?q=gard',
    ready: (page) => page.getByRole('heading', { level: 1 }).waitFor({ timeout: 15_000 }),
  },
];

describe(`At ${WIDTH} px wide`, () => {
  it.each(PAGES)('$name: no sideways scroll, axe clean in both themes', async ({ name, path, ready }) => {
    const page = await context.newPage();
    await page.goto(new URL(path(), stack.baseUrl).href);
    await ready(page);
    await page.waitForLoadState('networkidle');
    expect(await overflow(page)).toEqual({ scroll: 0, culprits: [] });
    expect(await checkPageInBothThemes(page, `mobile-${name}`)).toEqual([]);
    await page.close();
  });

  it('the header shows the search button and every tab whole', async () => {
    const page = await context.newPage();
    await page.goto(new URL('/', stack.baseUrl).href);
    await page.getByRole('heading', { level: 2, name: GARD_PLAN }).waitFor({ timeout: 15_000 });
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll('header button, header a, header input, nav a')].map((element) => {
        const rect = element.getBoundingClientRect();
        return {
          text: element.textContent?.trim() ?? '',
          left: rect.left,
          right: rect.right,
          visible: rect.width > 0,
          screen: window.innerWidth,
        };
      }),
    );
    const cut = boxes.filter((box) => box.visible && (box.left < 0 || box.right > box.screen + 0.5));
    expect(cut).toEqual([]);
    expect(boxes.some((box) => box.text === 'Rechercher' && box.visible)).toBe(true);
    await page.close();
  });

  it('status badges sit beside their progress bars, history dates on one line', async () => {
    const page = await context.newPage();
    await page.goto(new URL('/plans', stack.baseUrl).href);
    await page.getByRole('article', { name: GARD_PLAN }).waitFor({ timeout: 15_000 });
    const overlaps = await page.locator('.outline-action__row').evaluateAll(
      (rows) =>
        rows.filter((row) => {
          const badge = row.querySelector('.status')?.getBoundingClientRect();
          const bar = row.querySelector('.progress')?.getBoundingClientRect();
          if (!badge || !bar) return false;
          return badge.left < bar.right && bar.left < badge.right && badge.top < bar.bottom && bar.top < badge.bottom;
        }).length,
    );
    expect(overlaps).toBe(0);

    await page.goto(new URL(`/acteurs/${ids.actor}`, stack.baseUrl).href);
    const history = page.getByRole('heading', { name: 'Historique des modifications' });
    await history.waitFor({ timeout: 15_000 });
    await page.locator('.history td, .history th').first().waitFor();
    // Each date is one line box (it wrapped on four).
    const lines = await page.locator('.history tbody time').evaluateAll((times) => times.map((time) => time.getClientRects().length));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((count) => count === 1)).toBe(true);
    // The search field shows its placeholder whole.
    const search = page.getByRole('searchbox', { name: 'Rechercher des acteurs, plans et actions' });
    const room = await search.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = style.font;
      return (
        input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - context.measureText(input.placeholder).width
      );
    });
    expect(room).toBeGreaterThanOrEqual(0);
    await page.close();
  });

  it('the actors filters keep every checkbox square beside its label', async () => {
    const page = await context.newPage();
    await page.goto(new URL('/acteurs', stack.baseUrl).href);
    await page.locator('table tbody tr').first().waitFor({ timeout: 15_000 });
    for (const summary of await page.locator('details > summary').all()) await summary.click();
    const boxes = await page.locator('main input[type="checkbox"]').evaluateAll((inputs) =>
      inputs
        .filter((input) => (input as HTMLElement).offsetParent !== null)
        .map((input) => input.getBoundingClientRect())
        .map((rect) => [Math.round(rect.width), Math.round(rect.height)]),
    );
    expect(boxes.length).toBeGreaterThan(3);
    expect(boxes.filter(([width, height]) => width < 16 || Math.abs(width! - height!) > 1)).toEqual([]);
    expect(await overflow(page)).toEqual({ scroll: 0, culprits: [] });
    await page.close();
  });

  it('logged no errors in the browser or the gateway', () => {
    expect(stack.browserErrors).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  });
});
