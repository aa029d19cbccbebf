// Sign-in, navigation and the plans outline in a real browser (see stack.ts), signed in as the Gard editor.
import type { BrowserContext, Page } from 'playwright-core';
import { checkPageInBothThemes } from './a11y';
import { DEMO_PASSWORD, GARD_EDITOR, signInWithForm, startBrowserStack, type BrowserStack } from './stack';

const GARD_PLAN = 'Schéma départemental de l’économie sociale et solidaire du Gard';
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const euros = (amount: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', ...(Number.isInteger(amount) ? { maximumFractionDigits: 0 } : {}) }).format(amount);

interface ApiPlan {
  id: string;
  title: string;
  progress: { progress: number | null };
  axes: Array<{ position: number; title: string; progress: { progress: number | null }; budget: { planned: number; committed: number }; actions: { nodes: Array<{ title: string; progress: number }> } }>;
}

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

/** What the API says about the plans of the Gard, asked as the Gard editor. */
async function gardPlans(): Promise<ApiPlan[]> {
  const cookie = await stack.sessionCookie();
  const data = await stack.query<{ plans: { nodes: ApiPlan[] } }>(
    `query { plans(first: 20, filter: { authorities: ["30"] }) { nodes { id title progress { progress }
       axes { position title progress { progress } budget { planned committed } actions(first: 100) { nodes { title progress } } } } } }`,
    {},
    cookie,
  );
  return data.plans.nodes;
}

async function freshPage(pathname = '/'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.newContext();
  return { context, page: await stack.openPage(context, pathname) };
}

describe('Connexion', () => {
  it('refuses a wrong password with a French message, and shows nothing of the app', async () => {
    const { page } = await freshPage('/plans');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await page.title()).toBe('Connexion – ESS Administration');
    // No identity provider on this gateway: no link to it.
    expect(await page.getByRole('link', { name: /ProConnect/ }).count()).toBe(0);

    // Empty form: said on the fields, focus on the first one.
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await page.getByText('Saisissez votre adresse électronique.').count()).toBe(1);
    expect(await page.getByLabel('Adresse électronique').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-email');

    await page.getByLabel('Adresse électronique').fill(GARD_EDITOR);
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByLabel('Mot de passe').press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Adresse électronique ou mot de passe incorrect.');
    expect(await page.getByLabel('Mot de passe').inputValue()).toBe('');
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(0);
    expect(await page.locator('table, .plan').count()).toBe(0);
  });

  it('offers the identity provider when the gateway has one', async () => {
    const context = await stack.newContext();
    await context.route('**/auth/session', (route) =>
      route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }], signIn: { password: true, oidc: true } }) }),
    );
    const page = await context.newPage();
    await page.goto(stack.baseUrl);
    const link = page.getByRole('link', { name: 'Se connecter avec ProConnect / votre fournisseur' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/auth/oidc/start');
  });
});

describe('Plans', () => {
  it('signs in, shows who is signed in, and navigates to the Gard plan with its four axes and their progress', async () => {
    const [plan] = (await gardPlans()).filter((p) => p.title === GARD_PLAN);
    expect(plan).toBeDefined();
    expect(plan!.axes).toHaveLength(4);

    const { page } = await freshPage('/');
    await signInWithForm(page);

    const account = page.getByRole('region', { name: 'Votre compte' });
    expect((await account.innerText()).replace(/\s+/g, ' ')).toMatch(/^Éditrice Gard Profil : Édition Département : Gard \(30\) .*Se déconnecter$/);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Accueil', 'Acteurs', 'Plans', 'Conventions', 'Appels à communs', 'Marchés']);
    // "/" is the home page.
    expect(await nav.getByRole('link', { name: 'Accueil' }).getAttribute('aria-current')).toBe('page');

    // Keyboard: focus the link, Enter.
    await nav.getByRole('link', { name: 'Plans' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: GARD_PLAN }).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/plans');
    expect(await page.title()).toBe('Plans – ESS Administration');
    expect(await nav.getByRole('link', { name: 'Plans' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Accueil' }).getAttribute('aria-current')).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');

    const article = page.getByRole('article', { name: GARD_PLAN });
    expect(await article.getByText('En cours de mise en œuvre').first().count()).toBe(1);
    const shown = await article.locator('.outline-axis').evaluateAll((items) =>
      items.map((item) => ({
        title: item.querySelector('h3')?.textContent ?? '',
        value: item.querySelector('.figures progress')?.getAttribute('value') ?? null,
        text: item.querySelector('.figures .progress')?.textContent ?? '',
        budget: (item.querySelector('.figures__budget') as HTMLElement | null)?.innerText.replace(/\s+/g, ' ') ?? '',
        actions: [...item.querySelectorAll(':scope > .outline-actions > li > .outline-action__row .outline-action__title')].map((a) => a.textContent),
      })),
    );
    const axes = [...plan!.axes].sort((a, b) => a.position - b.position);
    expect(shown.map((axis) => axis.title)).toEqual(axes.map((axis) => `Axe ${axis.position} ${axis.title}`));
    expect(shown.map((axis) => axis.title)).toEqual([
      'Axe 1 Soutenir la coopération locale',
      'Axe 2 Promouvoir l’ESS',
      'Axe 3 Accompagner la structuration des acteurs clés de l’ESS',
      'Axe 4 Soutenir l’innovation sociale',
    ]);
    shown.forEach((axis, i) => {
      const api = axes[i]!;
      if (api.progress.progress === null) {
        expect(axis.value).toBeNull();
      } else {
        expect(Number(axis.value)).toBe(api.progress.progress);
        expect(axis.text).toBe(percent.format(api.progress.progress / 100));
      }
      expect(axis.budget).toContain(`Prévu ${euros(api.budget.planned)}`.replace(/\s+/g, ' '));
      expect(axis.budget).toContain(`Engagé ${euros(api.budget.committed)}`.replace(/\s+/g, ' '));
    });
    expect(shown[0]!.actions).toContain('Appel à communs');
    // A sub-action sits under its parent, not at the axis level.
    expect(shown[0]!.actions).not.toContain('Défi 1 : mutualiser les initiatives existantes à l’échelle du département');
    expect(await article.getByRole('progressbar', { name: 'Avancement : Appel à communs' }).getAttribute('value')).toBe('60');

    expect(await checkPageInBothThemes(page, 'plans-liste')).toEqual([]);

    // The back button returns to the home page.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await nav.getByRole('link', { name: 'Accueil' }).getAttribute('aria-current')).toBe('page');
  });

  it('signs out, and stays signed out after a reload', async () => {
    const { page } = await freshPage('/plans');
    await signInWithForm(page);
    await page.getByRole('heading', { level: 2, name: GARD_PLAN }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await page.getByText('Vous êtes déconnecté.').count()).toBe(1);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(0);
  });

  it('returns to the sign-in page when the session ends on the server', async () => {
    const context = await stack.newContext();
    const cookie = await stack.sessionCookie();
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: stack.baseUrl }]);
    const page = await stack.openPage(context, '/plans');
    await page.getByRole('heading', { level: 2, name: GARD_PLAN }).waitFor({ timeout: 10_000 });

    // Signed out elsewhere (another tab, an admin revoking the session): the next request gets a 401.
    await fetch(`${stack.baseUrl}/auth/sign-out`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    await page.getByRole('navigation').getByRole('link', { name: 'Acteurs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor({ timeout: 10_000 });
    expect(await page.getByText('Votre session a pris fin. Connectez-vous à nouveau pour continuer.').count()).toBe(1);

    // Signing in again brings back the page asked for.
    await page.getByLabel('Adresse électronique').fill(GARD_EDITOR);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: "Acteurs de l'ESS" }).waitFor({ timeout: 10_000 });
  });

  it('logged no errors in the browser or the gateway', () => {
    // Refusals the tests asked for (wrong password, signed-out session) are logged by Chromium as failed loads.
    const unexpected = stack.browserErrors.filter((line) => !/Failed to load resource: the server responded with a status of 401/.test(line));
    expect(unexpected).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  });
});
