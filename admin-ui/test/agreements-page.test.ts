// The agreements screens in a real browser against the running platform (see stack.ts), as the Gard editor: the list
// filtered through the address, its CSV export, an agreement's page, and the SCDL export, each file checked against the
// gateway; every page checked with axe in both themes.
import { readFile } from 'node:fs/promises';
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

interface ApiAgreement {
  id: string;
  beneficiaryName: string;
  beneficiarySiret: string;
  amount: number;
  status: string;
  signedOn: string | null;
}

async function gardAgreements(filter: Record<string, unknown> = {}): Promise<ApiAgreement[]> {
  const data = await stack.query<{ agreements: { nodes: ApiAgreement[] } }>(
    `query ($f: AgreementFilter) { agreements(first: 100, filter: $f) { nodes { id beneficiaryName beneficiarySiret amount status signedOn } } }`,
    { f: { authorities: ['30'], ...filter } },
    cookie,
  );
  return data.agreements.nodes;
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

describe('Conventions', () => {
  it('lists the Gard agreements, filters them through the address, and exports the filtered list as CSV', async () => {
    const all = await gardAgreements();
    expect(all.length).toBeGreaterThan(1);
    const page = await signedInPage('/accords');
    await page.getByRole('heading', { level: 1, name: 'Conventions' }).waitFor({ timeout: 15_000 });
    await page.getByText(`${all.length} conventions`, { exact: true }).waitFor();
    const names = await page.locator('.data-table tbody th').allTextContents();
    expect([...names].sort()).toEqual(all.map((a) => a.beneficiaryName).sort());
    expect(await checkPageInBothThemes(page, 'agreements-list')).toEqual([]);

    // Year 2025: in the address, and the back button returns to all.
    const in2025 = await gardAgreements({ year: 2025 });
    await page.getByLabel('Année de signature').selectOption('2025');
    await page.waitForURL(/annee=2025/);
    await page.getByText(in2025.length === 1 ? '1 convention' : `${in2025.length} conventions`, { exact: true }).waitFor();
    expect([...(await page.locator('.data-table tbody th').allTextContents())].sort()).toEqual(in2025.map((a) => a.beneficiaryName).sort());

    const csv = await download(page, () => page.getByRole('button', { name: 'Exporter en CSV' }).click());
    expect(csv.name).toBe('conventions.csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.split(';').slice(0, 4)).toEqual(['Bénéficiaire', 'SIRET', 'Objet', 'Montant']);
    const rows = lines.slice(1).map((line) => line.split(';'));
    expect(rows.map((row) => row[1]).sort()).toEqual(in2025.map((a) => a.beneficiarySiret).sort());
    expect(rows.map((row) => Number(row[3])).sort()).toEqual(in2025.map((a) => a.amount).sort());
    await page.getByText('lignes exportées').or(page.getByText('ligne exportée')).first().waitFor();

    await page.goBack();
    await page.getByText(`${all.length} conventions`, { exact: true }).waitFor();
    expect(new URL(page.url()).search).toBe('');
  });

  it('shows an agreement with its schedule and history', async () => {
    const [first] = await gardAgreements({ statuses: ['SIGNED'] });
    const page = await signedInPage(`/accords/${first!.id}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(first!.beneficiaryName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { level: 2, name: 'Historique des modifications' }).waitFor();
    expect(await page.getByText(first!.beneficiarySiret).count()).toBe(1);
    expect(await checkPageInBothThemes(page, 'agreements-detail')).toEqual([]);
  });

  it('downloads the SCDL export of the working département, whose rows are the gateway’s agreements', async () => {
    const page = await signedInPage('/accords');
    await page.getByRole('heading', { level: 2, name: 'Export SCDL (données essentielles des subventions)' }).waitFor({ timeout: 15_000 });
    // It starts on the latest year with signed agreements (the current year gave an empty file).
    const signed = await gardAgreements({ statuses: ['SIGNED', 'CLOSED'] });
    const latest = String(Math.max(...signed.map((a) => Number(a.signedOn!.slice(0, 4)))));
    const yearField = page.getByLabel('Année', { exact: true });
    // The years arrive with their own query: give it a moment.
    for (let i = 0; i < 50 && (await yearField.inputValue()) !== latest; i++) await page.waitForTimeout(100);
    expect(await yearField.inputValue()).toBe(latest);
    // A year without any: said, no empty file.
    await yearField.selectOption('2010');
    await page.getByRole('button', { name: 'Télécharger l’export SCDL' }).click();
    await page.getByText('Aucune convention signée en 2010 : rien à exporter. Choisissez une autre année.').waitFor();
    await yearField.selectOption('2024');
    const file = await download(page, () => page.getByRole('button', { name: 'Télécharger l’export SCDL' }).click());
    expect(file.name).toBe('scdl-subventions-30-2024.csv');
    const expected = await stack.query<{ agreementsScdl: string }>(`{ agreementsScdl(authority: "30", year: 2024, format: CSV) }`, {}, cookie);
    expect(file.text).toBe(expected.agreementsScdl);
    const lines = file.text.trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['nomAttribuant', 'idAttribuant', 'dateConvention']);
    const signed2024 = (await gardAgreements({ year: 2024, statuses: ['SIGNED', 'CLOSED'] })).sort((a, b) => (a.signedOn! < b.signedOn! ? -1 : 1));
    expect(lines.length - 1).toBe(signed2024.length);
    signed2024.forEach((agreement, i) => {
      expect(lines[i + 1]).toContain(agreement.beneficiarySiret);
      expect(lines[i + 1]).toContain(agreement.signedOn!);
    });
    await page.getByText('Fichier scdl-subventions-30-2024.csv téléchargé.').waitFor();
  });

  it('logged no errors in the browser or the gateway', () => {
    expect(stack.browserErrors).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  });
});
