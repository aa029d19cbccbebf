// The procurement workspace in a real browser against the running platform (see stack.ts), as the Gard editor: the
// contract list filtered through the address and a contract's page; a DECP file with a bad record checked by a dry
// run and its report read; the SPASER's social-consideration share moving after a contract is added; axe in both
// themes on every page.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { checkPageInBothThemes } from './a11y';
import { startBrowserStack, type BrowserStack } from './stack';

let stack: BrowserStack;
let cookie: string;

beforeAll(async () => {
  stack = await startBrowserStack();
  cookie = await stack.sessionCookie();
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function signedInPage(pathname: string): Promise<Page> {
  const context = await stack.newContext();
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: stack.baseUrl }]);
  return stack.openPage(context, pathname);
}

const FIXTURE = path.resolve(__dirname, '../../services/procurement/test/fixtures/decp-2024-official.json');

describe('Marchés publics', () => {
  it('lists the Gard contracts of a year through the address and opens one with its awardees', async () => {
    const data = await stack.query<{ contracts: { totalCount: number; nodes: Array<{ id: string; object: string }> } }>(
      `query { contracts(first: 1, filter: { authorities: ["30"], years: [2025], hasSocialConsideration: true }) { totalCount nodes { id object } } }`,
      {},
      cookie,
    );
    expect(data.contracts.totalCount).toBeGreaterThan(0);
    const page = await signedInPage('/marches?annee=2025&sociale=oui');
    await page.getByRole('heading', { level: 1, name: 'Marchés publics' }).waitFor({ timeout: 15_000 });
    await page.getByText(`${data.contracts.totalCount} marchés`, { exact: true }).waitFor();
    expect(await page.getByLabel('Année de notification').inputValue()).toBe('2025');
    expect(await checkPageInBothThemes(page, 'procurement-contracts')).toEqual([]);

    await page.getByRole('link', { name: data.contracts.nodes[0]!.object }).first().click();
    await page.getByRole('heading', { level: 1, name: data.contracts.nodes[0]!.object }).waitFor();
    await page.getByRole('table', { name: 'Titulaires aujourd’hui' }).waitFor();
    expect(await checkPageInBothThemes(page, 'procurement-contract')).toEqual([]);
  }, 120_000);

  it('imports a DECP file with a bad record: the dry run reports it with its path and reason, and nothing is written', async () => {
    const official = JSON.parse(await readFile(FIXTURE, 'utf8')) as { marches: { marche: Array<Record<string, unknown>> } };
    const good = { ...official.marches.marche[0]!, id: 'UI-GOOD-1' };
    const bad = { ...official.marches.marche[0]!, id: 'UI-BAD-1', codeCPV: 'pas un code' };
    const file = JSON.stringify({ marches: { marche: [good, bad] } });

    const page = await signedInPage('/marches/import-decp');
    await page.getByRole('heading', { level: 1, name: 'Importer des DECP' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Fichier DECP (JSON ou XML)').setInputFiles({ name: 'decp.json', mimeType: 'application/json', buffer: Buffer.from(file, 'utf8') });
    await page.getByRole('button', { name: 'Vérifier (à blanc)' }).click();
    const report = page.getByRole('table', { name: /problèmes? sur des marchés refusés/ });
    await report.waitFor({ timeout: 30_000 });
    const rows = await report.locator('tbody tr').allTextContents();
    expect(rows.some((row) => row.includes('UI-BAD-1') && row.includes('$.marches.marche[1]'))).toBe(true);
    expect(rows.some((row) => row.includes('UI-GOOD-1'))).toBe(false);
    await page.getByText('Rapport à blanc : rien n’a été écrit.', { exact: false }).waitFor();
    expect(await checkPageInBothThemes(page, 'procurement-decp-report')).toEqual([]);

    const written = await stack.query<{ contracts: { totalCount: number } }>(`query { contracts(filter: { search: "UI-GOOD-1" }) { totalCount } }`, {}, cookie);
    expect(written.contracts.totalCount).toBe(0);
  }, 120_000);

  it('shows the SPASER’s social-consideration share move after a contract with a social clause is added', async () => {
    const year = 2025;
    const page = await signedInPage(`/spaser?departement=30&annee=${year}`);
    await page.getByRole('heading', { level: 2, name: `Indicateurs ${year}` }).waitFor({ timeout: 15_000 });
    const cell = page.locator('tr[data-indicator="SOCIAL_CONSIDERATION_SHARE"] .indicator-value');
    const before = (await cell.textContent())?.trim();
    expect(await checkPageInBothThemes(page, 'procurement-spaser')).toEqual([]);

    const buyers = await stack.query<{ buyers: { nodes: Array<{ id: string }> } }>(`query { buyers(first: 1, filter: { authorities: ["30"] }) { nodes { id } } }`, {}, cookie);
    await stack.query(
      `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      {
        input: {
          buyerId: buyers.buyers.nodes[0]!.id,
          decpId: 'UI-SOCIAL-1',
          nature: 'MARCHE',
          object: 'Entretien des espaces verts avec clause d’insertion',
          cpvCode: '77310000-6',
          procedure: 'ADAPTED',
          durationMonths: 12,
          notifiedOn: `${year}-06-02`,
          amount: 40000,
          awardees: [{ idType: 'SIRET', identifier: '73282932000074' }],
          socialConsiderations: ['SOCIAL_CLAUSE'],
          environmentalConsiderations: ['NONE'],
        },
      },
      cookie,
    );
    await page.reload();
    await page.getByRole('heading', { level: 2, name: `Indicateurs ${year}` }).waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      (previous) => document.querySelector('tr[data-indicator="SOCIAL_CONSIDERATION_SHARE"] .indicator-value')?.textContent?.trim() !== previous,
      before,
      { timeout: 15_000 },
    );
    expect((await cell.textContent())?.trim()).not.toBe(before);
  }, 120_000);

  it('records a contract with the keyboard alone, then an edit on a stale version shows the conflict', async () => {
    const page = await signedInPage('/marches/nouveau');
    await page.getByRole('heading', { level: 1, name: 'Nouveau marché' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Acheteur').locator('option').nth(1).waitFor({ state: 'attached' });
    await page.getByLabel('Acheteur').focus();
    await page.keyboard.press('ArrowDown');
    // Tab until the field is reached (a date input has segments that take Tab presses of their own), then type.
    const tabTo = async (id: string) => {
      for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.id)) !== id; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
    };
    const type = async (id: string, text: string) => {
      await tabTo(id);
      await page.keyboard.type(text);
    };
    await type('contract-decpId', 'UI-KBD-1');
    await type('contract-object', 'Repas des collèges en circuit court');
    await type('contract-cpvCode', '15894210-9');
    await tabTo('contract-notifiedOn');
    await page.keyboard.type('02062025');
    await type('contract-durationMonths', '24');
    await type('contract-amount', '180000');
    await type('contract-awardees', '73282932000074 ; ESAT des Garrigues');
    await page.keyboard.press('Tab'); // the social clause
    await page.keyboard.press('Space');
    for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Enregistrer le marché'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const outcome = page.getByRole('heading', { level: 1, name: 'Repas des collèges en circuit court' });
    await outcome.waitFor({ timeout: 15_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: 'test-artifacts/procurement-create-failure.png', fullPage: true });
      throw error;
    });
    expect(await checkPageInBothThemes(page, 'procurement-contract-created')).toEqual([]);

    // Someone else changes it meanwhile: saving the open edit form shows both versions.
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modifier le marché' }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    const current = await stack.query<{ contract: { version: number } }>(`query ($id: ID!) { contract(id: $id) { version } }`, { id }, cookie);
    await stack.query(
      `mutation ($id: ID!, $v: Int!) { updateContract(id: $id, version: $v, input: { object: "Repas des collèges (bio)" }) { id } }`,
      { id, v: current.contract.version },
      cookie,
    );
    await page.getByLabel('Objet', { exact: true }).fill('Repas des collèges, lot 2');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const conflict = page.getByRole('alert').filter({ has: page.locator('#conflict-title') });
    await conflict.waitFor({ timeout: 15_000 });
    expect(await conflict.textContent()).toContain('Repas des collèges (bio)');
    expect(await checkPageInBothThemes(page, 'procurement-contract-conflict')).toEqual([]);
  }, 120_000);
});
