// The plan figures agree with what the screen lists (issue 16): each axis counts and averages exactly the actions it
// shows (sub-actions included, cancelled ones left out), the plan totals its axes, the home page says the same; the
// rule is written under the figures. The SPASER action's page names its SPASER, and says when it could not be loaded
// rather than "no SPASER". "Réalisée" then "En cours" gives the progress from before back. The indicator chart shows
// whole y labels and dates labelled by their span.
import type { BrowserContext, Page } from 'playwright-core';
import { checkPageInBothThemes } from './a11y';
import { startBrowserStack, type BrowserStack } from './stack';

const GARD_PLAN = 'Schéma départemental de l’économie sociale et solidaire du Gard';
const RULE =
  'Avancement et budget : moyenne à poids égal et somme de toutes les actions listées, sous-actions comprises ; ' +
  'les actions annulées ne comptent pas.';

let stack: BrowserStack;
let cookie: string;
let planId: string;

beforeAll(async () => {
  stack = await startBrowserStack();
  cookie = await stack.sessionCookie();
  const data = await stack.query<{ plans: { nodes: Array<{ id: string; title: string }> } }>(
    `{ plans(first: 20, filter: { authorities: ["30"] }) { nodes { id title } } }`,
    {},
    cookie,
  );
  planId = data.plans.nodes.find((plan) => plan.title === GARD_PLAN)!.id;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function signedInPage(pathname: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.newContext();
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: stack.baseUrl }]);
  return { context, page: await stack.openPage(context, pathname) };
}

async function actionPath(start: string): Promise<string> {
  const data = await stack.query<{ plan: { actions: { nodes: Array<{ id: string; title: string }> } } }>(
    `query ($id: ID!) { plan(id: $id) { actions(first: 100) { nodes { id title } } } }`,
    { id: planId },
    cookie,
  );
  return `/actions/${data.plan.actions.nodes.find((a) => a.title.startsWith(start))!.id}`;
}

const countOf = (text: string) => Number(/(\d+)\s+actions?/.exec(text.replace(/\s/g, ' '))?.[1] ?? NaN);

describe('Plan figures against the screen', () => {
  it('each axis counts and averages the actions it lists; the plan totals its axes; the home page agrees', async () => {
    const { page } = await signedInPage('/plans');
    const article = page.getByRole('article', { name: GARD_PLAN });
    await article.waitFor({ timeout: 15_000 });
    expect(await article.getByText(RULE).count()).toBe(1);

    const axes = await article.locator('.outline-axis').evaluateAll((items) =>
      items.map((item) => ({
        title: item.querySelector('h3')?.textContent ?? '',
        count: item.querySelector(':scope > .figures .figures__progress .secondary')?.textContent ?? '',
        value: item.querySelector(':scope > .figures progress')?.getAttribute('value') ?? null,
        listed: [...item.querySelectorAll('.outline-action__row')].map((row) => ({
          status: row.querySelector('.status')?.textContent ?? '',
          progress: Number(row.querySelector('progress')?.getAttribute('value')),
        })),
      })),
    );
    expect(axes).toHaveLength(4);
    let planCount = 0;
    for (const axis of axes) {
      const counted = axis.listed.filter((action) => action.status !== 'Annulée');
      expect({ axis: axis.title, count: countOf(axis.count) }).toEqual({ axis: axis.title, count: counted.length });
      const average = counted.length ? Math.round((counted.reduce((sum, a) => sum + a.progress, 0) / counted.length) * 100) / 100 : null;
      expect({ axis: axis.title, value: axis.value === null ? null : Number(axis.value) }).toEqual({ axis: axis.title, value: average });
      planCount += counted.length;
    }
    // Axis 4 lists « Défi 2 », a sub-action of an action of axis 1: it counts there (was "1 action" beside two).
    expect(countOf(axes[3]!.count)).toBe(axes[3]!.listed.length);
    expect(axes[3]!.listed.length).toBeGreaterThanOrEqual(2);
    const planText = (await article.locator(':scope > .figures--plan .figures__progress .secondary').textContent()) ?? '';
    expect(countOf(planText)).toBe(planCount);

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Accueil' }).click();
    const home = page.getByRole('region', { name: GARD_PLAN });
    await home.waitFor({ timeout: 10_000 });
    expect(countOf((await home.locator('.key-figure').first().textContent()) ?? '')).toBe(planCount);
    expect(await home.getByText(RULE).count()).toBe(1);
  });
});

describe('The SPASER action', () => {
  const spaserActionPath = () => actionPath('SPASER');

  it('names the SPASER procurement holds', async () => {
    const { spaserPlans } = await stack.query<{ spaserPlans: { nodes: Array<{ title: string; authorityCode: string }> } }>(
      `{ spaserPlans(first: 10) { nodes { title authorityCode } } }`,
    );
    const gard = spaserPlans.nodes.find((plan) => plan.authorityCode === '30')!;
    const { page } = await signedInPage(await spaserActionPath());
    await page.getByRole('heading', { level: 1, name: /^SPASER/ }).waitFor({ timeout: 15_000 });
    await page.getByText(gard.title, { exact: false }).first().waitFor();
    expect(await page.getByText('Cette action ne produit ni appel à communs, ni SPASER, ni réseau.').count()).toBe(0);
    expect(await page.getByText(/Indisponible pour le moment/).count()).toBe(0);
  });

  it('says the SPASER could not be loaded when its service fails, not that there is none', async () => {
    const { context, page } = await signedInPage('/');
    // The gateway's answer when procurement cannot give the SPASER: the field null with an error on its path.
    await context.route('**/graphql', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { data?: { action?: { spaserPlan?: unknown } }; errors?: unknown[] };
      if (body.data?.action && 'spaserPlan' in body.data.action) {
        body.data.action.spaserPlan = null;
        body.errors = [
          { message: 'Internal server error', path: ['action', 'spaserPlan', 'title'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ];
      }
      await route.fulfill({ response, json: body });
    });
    await page.goto(new URL(await spaserActionPath(), stack.baseUrl).href);
    await page.getByRole('heading', { level: 1, name: /^SPASER/ }).waitFor({ timeout: 15_000 });
    await page.getByText(/Indisponible pour le moment/).waitFor();
    expect(await page.getByText('Cette action ne produit ni appel à communs, ni SPASER, ni réseau.').count()).toBe(0);
    expect(await checkPageInBothThemes(page, 'plans-action-spaser-indisponible')).toEqual([]);
  });

  it('"Réalisée" sets 100 %, "En cours" again gives back the progress from before', async () => {
    const { page } = await signedInPage(await spaserActionPath());
    const heading = page.getByRole('heading', { level: 1, name: /^SPASER/ });
    await heading.waitFor({ timeout: 15_000 });
    const title = (await heading.textContent())!;
    const bar = page.getByRole('progressbar', { name: `Avancement : ${title}`, exact: true });
    const before = await bar.getAttribute('value');
    expect(before).not.toBe('100');
    const statuses = page.getByRole('group', { name: 'Changer le statut' });
    await statuses.getByRole('button', { name: 'Réalisée' }).click();
    await page.getByText('Statut enregistré : Réalisée.').waitFor();
    expect(await bar.getAttribute('value')).toBe('100');
    await statuses.getByRole('button', { name: 'En cours' }).click();
    await page.getByText('Statut enregistré : En cours.').waitFor();
    // The cache renders the server's answer just after the message: wait for the bar to settle.
    await page
      .waitForFunction(
        ([name, value]) => document.querySelector(`progress[aria-label="${name}"]`)?.getAttribute('value') === value,
        [`Avancement : ${title}`, before] as const,
        { timeout: 5_000 },
      )
      .catch(() => undefined);
    expect(await bar.getAttribute('value')).toBe(before);
  });

  it('draws the indicator chart with whole y labels and dates labelled by their span, its table beside it', async () => {
    const { page } = await signedInPage(await actionPath('Appel à communs'));
    const indicator = page.getByRole('article', { name: 'Montant engagé pour les communs dans l’année' });
    const chart = indicator.getByRole('img', { name: /^Évolution : Montant engagé pour les communs/ });
    await chart.locator('svg').waitFor({ timeout: 15_000 });
    const axes = await chart.locator('svg').evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      const labels = (name: string) =>
        [...svg.querySelectorAll(`g[aria-label="${name}"] text`)].map((text) => {
          const rect = text.getBoundingClientRect();
          return {
            text: (text.textContent ?? '').replace(/\s/g, ' '),
            inside: rect.left >= box.left - 0.5 && rect.right <= box.right + 0.5,
          };
        });
      return { y: labels('y-axis tick label'), x: labels('x-axis tick label') };
    });
    // 0 to 250 000 €, measures at 100 000 and 150 000: every label whole and inside the picture (was "35 000").
    expect(axes.y.map((label) => label.text)).toEqual(['0', '100 000', '200 000', '300 000']);
    expect(axes.y.every((label) => label.inside)).toBe(true);
    // One year: months with their year, each label different (both read "2025").
    expect(axes.x.length).toBeGreaterThanOrEqual(2);
    expect(new Set(axes.x.map((label) => label.text)).size).toBe(axes.x.length);
    expect(axes.x.every((label) => /^\S+ 2025$/.test(label.text) && label.inside)).toBe(true);
    expect(await indicator.getByRole('table').count()).toBe(1);
    expect(await checkPageInBothThemes(page, 'plans-action-indicateur')).toEqual([]);
  });

  it('logged no errors in the browser or the gateway', () => {
    // The failure injected above is answered by the test, not by the gateway.
    expect(stack.browserErrors).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  });
});
