// The plans screens in a real browser against the running platform (see stack.ts), as the Gard editor: create an
// action in the Gard plan, move it to another axis, record an indicator value, change its status, and see the axes'
// progress follow (checked against the gateway); the create-action form completed with the keyboard alone; actions
// reordered with the keyboard; every page checked with axe in both themes (screenshots in test-artifacts).
import type { BrowserContext, Page } from 'playwright-core';
import { checkPageInBothThemes } from './a11y';
import { startBrowserStack, type BrowserStack } from './stack';

const GARD_PLAN = 'Schéma départemental de l’économie sociale et solidaire du Gard';

interface ApiAxis {
  id: string;
  position: number;
  title: string;
  progress: { actionCount: number; progress: number | null };
  actions: { nodes: Array<{ id: string; title: string; position: number; parentId: string | null; progress: number; status: string }> };
}

let stack: BrowserStack;
let cookie: string;
let planId: string;

beforeAll(async () => {
  stack = await startBrowserStack();
  cookie = await stack.sessionCookie();
  const data = await stack.query<{ plans: { nodes: Array<{ id: string; title: string }> } }>(`{ plans(first: 20, filter: { authorities: ["30"] }) { nodes { id title } } }`, {}, cookie);
  planId = data.plans.nodes.find((plan) => plan.title === GARD_PLAN)!.id;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function axes(): Promise<ApiAxis[]> {
  const data = await stack.query<{ plan: { axes: ApiAxis[] } }>(
    `query ($id: ID!) { plan(id: $id) { axes { id position title progress { actionCount progress }
       actions(first: 100) { nodes { id title position parentId progress status } } } } }`,
    { id: planId },
    cookie,
  );
  return [...data.plan.axes].sort((a, b) => a.position - b.position);
}

async function signedInPage(pathname: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.newContext();
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: stack.baseUrl }]);
  return { context, page: await stack.openPage(context, pathname) };
}

/** The value of a progress bar, as the page shows it. */
async function progressValue(page: Page, name: string): Promise<number | null> {
  const value = await page.getByRole('progressbar', { name, exact: true }).first().getAttribute('value');
  return value === null ? null : Number(value);
}

/** Presses Tab until the focused element matches, as a keyboard user would (fails after `max` presses). */
async function tabTo(page: Page, matches: (element: { tag: string; name: string; text: string; label: string }) => boolean, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const labels = (el as HTMLInputElement | null)?.labels;
      return {
        tag: el?.tagName.toLowerCase() ?? '',
        name: el?.getAttribute('name') ?? '',
        text: (el?.textContent ?? '').trim(),
        label: el?.getAttribute('aria-label') ?? (labels?.[0]?.textContent ?? '').trim(),
      };
    });
    if (matches(focused)) return;
  }
  throw new Error('The element was not reached with Tab');
}

const axisLabel = (axis: ApiAxis) => `Avancement : Axe ${axis.position} – ${axis.title}`;

describe('Plans: create, move, measure, and the axis progress', () => {
  it('creates an action in the Gard plan, moves it to another axis, records an indicator value, and the axes follow', async () => {
    const before = await axes();
    const [first, , , fourth] = before as [ApiAxis, ApiAxis, ApiAxis, ApiAxis];
    const { page } = await signedInPage(`/plans/${planId}`);
    await page.getByRole('heading', { level: 1, name: GARD_PLAN }).waitFor({ timeout: 15_000 });
    expect(await page.title()).toBe(`${GARD_PLAN} – ESS Administration`);
    expect(await progressValue(page, `Avancement : Axe 1, ${first.title}`)).toBe(first.progress.progress);
    expect(await checkPageInBothThemes(page, 'plans-plan')).toEqual([]);

    await page.getByRole('link', { name: 'Nouvelle action' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle action' }).waitFor();
    expect(await checkPageInBothThemes(page, 'plans-action-new')).toEqual([]);

    // Refused on the client: said in a summary that takes the focus, and on each field.
    await page.getByLabel('Avancement (%)').fill('120');
    await page.getByRole('button', { name: 'Créer l’action' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient 3 erreurs' });
    await summary.waitFor();
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Intitulé').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Avancement (%)').getAttribute('aria-invalid')).toBe('true');
    // Each problem is said twice: in the summary (a link to the field) and beside the field.
    expect(await page.getByText('Saisissez un nombre entier de 0 à 100.').count()).toBe(2);
    expect(await checkPageInBothThemes(page, 'plans-action-new-errors')).toEqual([]);

    // Refused by the server (an end before the start is checked there too): on its field.
    await page.getByLabel('Intitulé').fill('Tiers-lieu de l’ESS à Alès');
    await page.getByLabel('Axe (obligatoire)').selectOption({ label: `Axe 1 – ${first.title}` });
    await page.getByLabel('Statut').selectOption({ label: 'En cours' });
    await page.getByLabel('Avancement (%)').fill('90');
    await page.getByLabel('Budget prévu (€)').fill('12 500');
    await page.getByLabel('Budget engagé (€)').fill('4000,50');
    await page.getByRole('button', { name: 'Créer l’action' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tiers-lieu de l’ESS à Alès' }).waitFor({ timeout: 10_000 });
    const actionId = new URL(page.url()).pathname.split('/').pop()!;
    expect(new URL(page.url()).pathname).toBe(`/actions/${actionId}`);

    // Axis 1 counts the new action (90 %): its progress moved, on the gateway and on the page.
    const created = await axes();
    expect(created[0]!.progress.actionCount).toBe(first.progress.actionCount + 1);
    expect(created[0]!.progress.progress).not.toBe(first.progress.progress);
    const expectedFirst = Math.round(((first.progress.progress ?? 0) * first.progress.actionCount + 90) / (first.progress.actionCount + 1) * 100) / 100;
    expect(created[0]!.progress.progress).toBeCloseTo(expectedFirst, 2);
    await page.getByRole('progressbar', { name: axisLabel(created[0]!) }).waitFor();
    expect(await progressValue(page, axisLabel(created[0]!))).toBe(created[0]!.progress.progress);
    expect(await page.getByText('12 500 €').count()).toBeGreaterThan(0);
    expect(await checkPageInBothThemes(page, 'plans-action')).toEqual([]);

    // Move it to axis 4.
    await page.getByLabel('Nouvel axe').selectOption({ label: `Axe 4 – ${fourth.title}` });
    await page.getByRole('button', { name: 'Déplacer' }).click();
    await page.getByText(`Action déplacée dans l’axe « Axe 4 – ${fourth.title} ».`).waitFor();
    const moved = await axes();
    expect(moved[0]!.progress).toEqual(first.progress);
    expect(moved[3]!.progress.actionCount).toBe(fourth.progress.actionCount + 1);
    expect(moved[3]!.progress.progress).not.toBe(fourth.progress.progress);
    expect(moved[3]!.actions.nodes.map((a) => a.id)).toContain(actionId);
    await page.getByRole('progressbar', { name: axisLabel(moved[3]!) }).waitFor();
    expect(await progressValue(page, axisLabel(moved[3]!))).toBe(moved[3]!.progress.progress);

    // An indicator for it, then a measure: refused in the future (the server's error on its field), then recorded.
    await page.getByText('Ajouter un indicateur', { exact: true }).first().click();
    const newIndicator = page.getByRole('form', { name: 'Ajouter un indicateur' });
    await newIndicator.getByLabel('Intitulé de l’indicateur (obligatoire)', { exact: true }).fill('Structures accueillies');
    await newIndicator.getByLabel('Unité (obligatoire)', { exact: true }).fill('structures');
    await newIndicator.getByLabel('Valeur de départ (obligatoire)', { exact: true }).fill('0');
    await newIndicator.getByLabel('Date de la valeur de départ (obligatoire)', { exact: true }).fill('2025-01-01');
    await newIndicator.getByLabel('Cible (obligatoire)', { exact: true }).fill('20');
    await newIndicator.getByLabel('Date de la cible (obligatoire)', { exact: true }).fill('2027-12-31');
    await newIndicator.getByRole('button', { name: 'Ajouter un indicateur' }).click();
    const measure = page.getByRole('form', { name: 'Nouvelle mesure : Structures accueillies' });
    await measure.waitFor({ timeout: 10_000 });
    await measure.getByLabel('Date de la mesure').fill('2099-01-01');
    await measure.getByLabel('Valeur (structures)').fill('7');
    await measure.getByRole('button', { name: 'Enregistrer la mesure' }).click();
    await measure.getByText('La date ne peut pas être dans le futur.').waitFor();
    expect(await measure.getByLabel('Date de la mesure').getAttribute('aria-invalid')).toBe('true');
    await measure.getByLabel('Date de la mesure').fill('2025-06-30');
    await measure.getByRole('button', { name: 'Enregistrer la mesure' }).click();
    await page.getByText('Mesure enregistrée : 7 structures au 30 juin 2025.').waitFor();
    const table = page.getByRole('table', { name: 'Mesures : Structures accueillies' });
    expect((await table.innerText()).replace(/\s+/g, ' ')).toContain('30 juin 2025 7 structures');
    await page.getByRole('img', { name: /Évolution : Structures accueillies/ }).waitFor();
    const indicator = await stack.query<{ action: { indicators: { nodes: Array<{ values: { nodes: Array<{ measuredOn: string; value: number }> } }> } } }>(
      `query ($id: ID!) { action(id: $id) { indicators(first: 5) { nodes { values(first: 10) { nodes { measuredOn value } } } } } }`,
      { id: actionId },
      cookie,
    );
    expect(indicator.action.indicators.nodes[0]!.values.nodes).toEqual([{ measuredOn: '2025-06-30', value: 7 }]);

    // Done: shown at once (optimistic), then the axis progress follows (100 %).
    // The server's answer is held back until the page has shown the new status: it can only come from the
    // optimistic update.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('SetActionStatus')) await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Réalisée' }).click();
    await page.getByRole('button', { name: 'Réalisée', pressed: true }).waitFor({ timeout: 5_000 });
    expect(await page.getByText('Statut enregistré : Réalisée.').count()).toBe(0);
    release();
    await page.getByText('Statut enregistré : Réalisée.').waitFor();
    await page.unroute('**/graphql');
    const done = await axes();
    expect(done[3]!.actions.nodes.find((a) => a.id === actionId)).toMatchObject({ status: 'DONE', progress: 100 });
    expect(done[3]!.progress.progress).not.toBe(moved[3]!.progress.progress);
    await page.getByRole('progressbar', { name: axisLabel(done[3]!) }).and(page.locator(`[value="${done[3]!.progress.progress}"]`)).waitFor({ timeout: 10_000 });
    expect(await checkPageInBothThemes(page, 'plans-action-indicator')).toEqual([]);

    // The plan page shows the same figures as the gateway.
    await page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: GARD_PLAN }).click();
    await page.getByRole('heading', { level: 1, name: GARD_PLAN }).waitFor();
    for (const axis of done) expect(await progressValue(page, `Avancement : Axe ${axis.position}, ${axis.title}`)).toBe(axis.progress.progress);
    expect(await page.getByRole('link', { name: 'Tiers-lieu de l’ESS à Alès' }).count()).toBe(1);
  });

  it('edits an action and resolves a version conflict with both versions shown', async () => {
    const [, second] = await axes();
    const target = second!.actions.nodes.find((a) => a.parentId === null)!;
    const { page } = await signedInPage(`/actions/${target.id}`);
    await page.getByRole('heading', { level: 1, name: target.title }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Modifier l’action' }).click();
    await page.getByLabel('Service pilote').fill('Direction de l’économie');
    // Someone else saves the action meanwhile.
    const { action } = await stack.query<{ action: { version: number } }>(`query ($id: ID!) { action(id: $id) { version } }`, { id: target.id }, cookie);
    await stack.query(`mutation ($id: ID!, $v: Int!) { updateAction(id: $id, version: $v, input: { leadService: "Mission ESS" }) { id } }`, { id: target.id, v: action.version }, cookie);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Quelqu’un a modifié cet enregistrement' });
    await conflict.waitFor();
    expect((await conflict.innerText()).replace(/\s+/g, ' ')).toContain('Service pilote Mission ESS Direction de l’économie');
    expect(await checkPageInBothThemes(page, 'plans-action-conflict')).toEqual([]);
    await conflict.getByRole('button', { name: 'Enregistrer ma version quand même' }).click();
    await page.getByText('Action enregistrée.').waitFor();
    const after = await stack.query<{ action: { leadService: string } }>(`query ($id: ID!) { action(id: $id) { leadService } }`, { id: target.id }, cookie);
    expect(after.action.leadService).toBe('Direction de l’économie');
    await page.getByText('Direction de l’économie').first().waitFor();
  });
});

describe('Plans with the keyboard alone', () => {
  it('completes the create-action flow with Tab, typing and Enter only', async () => {
    const [, second] = await axes();
    const { page } = await signedInPage(`/plans/${planId}`);
    await page.getByRole('heading', { level: 1, name: GARD_PLAN }).waitFor({ timeout: 15_000 });

    await tabTo(page, (el) => el.tag === 'a' && el.text === 'Nouvelle action');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Nouvelle action' }).waitFor();

    // First an empty submit: the summary takes the focus.
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Créer l’action');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Le formulaire contient 2 erreurs' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');

    await tabTo(page, (el) => el.name === 'title');
    await page.keyboard.type('Atelier clavier de l’ESS');
    await tabTo(page, (el) => el.name === 'axisId');
    // A closed list: the arrow keys change the choice ("Choisir un axe", then axis 1, then axis 2).
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, (el) => el.name === 'progress');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('25');
    await tabTo(page, (el) => el.name === 'plannedBudget');
    await page.keyboard.type('3000');
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Créer l’action');
    expect(await page.evaluate(() => (document.querySelector('select[name="axisId"]') as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(`Axe 2 – ${second!.title}`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Atelier clavier de l’ESS' }).waitFor({ timeout: 10_000 });

    const after = await axes();
    const created = after[1]!.actions.nodes.find((a) => a.title === 'Atelier clavier de l’ESS');
    expect(created).toMatchObject({ progress: 25, status: 'PLANNED' });
    expect(after[1]!.progress.actionCount).toBe(second!.progress.actionCount + 1);
  });

  it('reorders the actions of an axis with the keyboard, said in a live region, the focus kept', async () => {
    const third = (await axes())[2]!;
    const order = (axis: ApiAxis) => [...axis.actions.nodes].filter((a) => a.parentId === null).sort((a, b) => a.position - b.position).map((a) => a.title);
    const initial = order(third);
    expect(initial.length).toBeGreaterThanOrEqual(2);
    const { page } = await signedInPage(`/plans/${planId}`);
    await page.getByRole('heading', { level: 1, name: GARD_PLAN }).waitFor({ timeout: 15_000 });

    // Alt+Down on the first action's link.
    await tabTo(page, (el) => el.tag === 'a' && el.text === initial[0]);
    await page.keyboard.press('Alt+ArrowDown');
    await page.getByText(`« ${initial[0]} » est maintenant en position 2 sur ${initial.length}.`).waitFor({ timeout: 10_000 });
    expect(order((await axes())[2]!)).toEqual([initial[1], initial[0], ...initial.slice(2)]);
    const shown = page.getByRole('list', { name: 'Axes et actions : Axe 3' }).locator(':scope > li .outline-action__title');
    await page.waitForFunction((first) => document.querySelector('[aria-label="Axes et actions : Axe 3"] > li .outline-action__title')?.textContent === first, initial[1]);
    expect(await shown.allTextContents()).toEqual([initial[1], initial[0], ...initial.slice(2)]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(initial[0]);

    // Then its "Move up" button, with Tab and Enter.
    await tabTo(page, (el) => el.tag === 'button' && el.label === `Monter : ${initial[0]}`);
    await page.keyboard.press('Enter');
    await page.getByText(`« ${initial[0]} » est maintenant en position 1 sur ${initial.length}.`).waitFor({ timeout: 10_000 });
    expect(order((await axes())[2]!)).toEqual(initial);
    await page.waitForFunction((first) => document.querySelector('[aria-label="Axes et actions : Axe 3"] > li .outline-action__title')?.textContent === first, initial[0]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Monter : ${initial[0]}`);
  });

  it('links an action to its network: the registry filtered on the network’s members', async () => {
    const data = await stack.query<{ actions: { nodes: Array<{ id: string; network: { id: string; name: string } | null }> } }>(
      `query { actions(first: 100, filter: { authorities: ["30"] }) { nodes { id network { id name } } } }`,
      {},
      cookie,
    );
    const withNetwork = data.actions.nodes.find((action) => action.network);
    expect(withNetwork).toBeDefined();
    const network = withNetwork!.network!;
    const members = await stack.query<{ actors: { totalCount: number } }>(
      `query ($id: ID!) { actors(first: 0, filter: { networkId: $id }) { totalCount } }`,
      { id: network.id },
      cookie,
    );
    const { page } = await signedInPage(`/actions/${withNetwork!.id}`);
    await page.getByRole('link', { name: new RegExp(network.name) }).click();
    await page.waitForURL((url) => url.pathname === '/acteurs' && url.searchParams.get('reseau') === network.id);
    const count = members.actors.totalCount;
    await page.getByRole('status').filter({ hasText: count === 1 ? '1 acteur' : `${count} acteurs` }).waitFor();
  });

  it('logged no errors in the browser or the gateway', () => {
    expect(stack.browserErrors).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  });
});
