// The actor registry in a real browser (see stack.ts): signed in as the Gard editor, over the real gateway and the five
// subgraphs with their demo data. List (search, filters in the address, export), detail, create/edit with a version
// conflict from two pages, SIRENE import; axe in light and dark on every page, screenshots saved.
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { checkPageInBothThemes } from './a11y';
import { startBrowserStack, type BrowserStack } from './stack';

const PAGE_SIZE = 25;
const GARD = { authorities: ['30'] };

let stack: BrowserStack;
let context: BrowserContext;
let baseUrl: string;
let editorCookie: string;

interface ActorNode {
  id: string;
  name: string;
  siret: string | null;
  version: number;
  description: string | null;
  authorityCode: string;
}

/** The same question asked to the gateway directly: what the page should show. */
async function expected(filter: Record<string, unknown>): Promise<{ totalCount: number; names: string[]; nodes: ActorNode[] }> {
  const data = await stack.query<{ actors: { totalCount: number; nodes: ActorNode[] } }>(
    'query ($filter: ActorFilter) { actors(first: 500, filter: $filter) { totalCount nodes { id name siret version description authorityCode } } }',
    { filter },
  );
  return { totalCount: data.actors.totalCount, names: data.actors.nodes.map((node) => node.name), nodes: data.actors.nodes };
}

async function actorNamed(name: string): Promise<ActorNode> {
  const found = (await expected({ search: name, includeArchived: true })).nodes.find((node) => node.name === name);
  if (!found) throw new Error(`no actor ${name}`);
  return found;
}

async function stored(id: string): Promise<{ name: string; description: string | null; version: number; archivedAt: string | null }> {
  const data = await stack.query<{ actor: { name: string; description: string | null; version: number; archivedAt: string | null } }>(
    'query ($id: ID!) { actor(id: $id) { name description version archivedAt } }',
    { id },
    editorCookie,
  );
  return data.actor;
}

const countText = (count: number) => (count === 0 ? 'Aucun acteur' : count === 1 ? '1 acteur' : `${count} acteurs`);

/** Waits until the count says `text` and nothing is loading any more. */
async function waitForCount(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (want) => document.querySelector('.result-count')?.textContent === want && !document.querySelector('[aria-busy="true"]'),
    text,
    { timeout: 10_000 },
  );
}

async function rowNames(page: Page): Promise<string[]> {
  return page.$$eval('table.actor-table tbody tr th', (ths) => ths.map((th) => (th.querySelector('a')?.textContent ?? '').trim()));
}

/** CSV as the export writes it: BOM, `;`, quotes doubled, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** The files of a zip (an XLSX), read from its central directory. */
function unzip(buffer: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(offset + 10);
    const compressed = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataStart, dataStart + compressed);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const decodeXml = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d+);/g, (_, entity: string) =>
    entity === 'lt' ? '<' : entity === 'gt' ? '>' : entity === 'amp' ? '&' : entity === 'quot' ? '"' : entity === 'apos' ? "'" : String.fromCharCode(Number(entity.slice(1))),
  );

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A valid SIRET (Luhn on the SIREN and on the whole) starting with the 8 digits given. */
function validSiret(prefix8: string, nic4 = '0001'): string {
  for (let a = 0; a < 10; a++) {
    const siren = `${prefix8}${a}`;
    if (!luhnValid(siren)) continue;
    for (let b = 0; b < 10; b++) if (luhnValid(`${siren}${nic4}${b}`)) return `${siren}${nic4}${b}`;
  }
  throw new Error('no valid SIRET');
}

async function openPage(pathname = '/acteurs'): Promise<Page> {
  return stack.openPage(context, pathname);
}

beforeAll(async () => {
  stack = await startBrowserStack();
  baseUrl = stack.baseUrl;
  context = await stack.newContext();
  // Signed in as the Gard editor (the sign-in page itself is tested in plans-page.test.ts).
  editorCookie = await stack.sessionCookie();
  const [name, value] = editorCookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('Acteurs de l’ESS: the list', () => {
  it('shows the actors of the working département (Gard), with an accessible table, in both themes', async () => {
    const page = await openPage();
    const gard = await expected(GARD);
    await waitForCount(page, countText(gard.totalCount));

    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.title()).toBe("Acteurs de l'ESS – ESS Administration");
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("Acteurs de l'ESS");
    expect(await page.getByRole('checkbox', { name: 'Gard (30)' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Drôme (26)' }).isChecked()).toBe(false);
    expect(await page.locator('thead th[scope="col"]').allTextContents()).toEqual(['Nom', 'Famille juridique', 'Commune', 'Département', "Type d'inclusion", 'Réseaux']);
    expect(await rowNames(page)).toEqual(gard.names.slice(0, PAGE_SIZE));
    // Each name leads to the detail.
    const first = gard.nodes[0]!;
    expect(await page.getByRole('link', { name: first.name, exact: true }).getAttribute('href')).toBe(`/acteurs/${first.id}`);
    // Editors get the create and import buttons, and the bulk selection.
    expect(await page.getByRole('link', { name: 'Nouvel acteur' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Importer un fichier SIRENE' }).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Sélectionner tous les acteurs affichés' }).count()).toBe(1);

    expect(await checkPageInBothThemes(page, 'acteurs-liste')).toEqual([]);
    await page.close();
  });

  it('finds an actor by a word with an accent typed without it ("epicerie" → "Épicerie…"), and keeps the search in the address', async () => {
    const page = await openPage();
    const gard = await expected(GARD);
    await waitForCount(page, countText(gard.totalCount));
    const found = await expected({ ...GARD, search: 'epicerie' });
    expect(found.names).toContain('Épicerie solidaire du Gard rhodanien');

    const graphqlRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') graphqlRequests.push(request.postData() ?? '');
    });
    await page.getByLabel('Rechercher un acteur').pressSequentially('epicerie', { delay: 20 });
    await waitForCount(page, countText(found.totalCount));
    // Debounced: one request for the whole word, not one per key.
    expect(graphqlRequests).toHaveLength(1);
    expect(JSON.parse(graphqlRequests[0]!).variables.filter).toEqual({ search: 'epicerie', authorities: ['30'] });
    expect(await rowNames(page)).toEqual(found.names);
    expect(new URL(page.url()).searchParams.get('q')).toBe('epicerie');

    // The address is shareable: opened afresh, it shows the same list.
    const shared = await openPage(new URL(page.url()).pathname + new URL(page.url()).search);
    await waitForCount(shared, countText(found.totalCount));
    expect(await shared.getByLabel('Rechercher un acteur').inputValue()).toBe('epicerie');
    expect(await rowNames(shared)).toEqual(found.names);
    await shared.close();
    await page.close();
  });

  it('keeps every filter in the address; Back undoes a filter; "Effacer les filtres" brings the working list back', async () => {
    const page = await openPage();
    const gard = await expected(GARD);
    await waitForCount(page, countText(gard.totalCount));

    // Every département, then the cooperatives only.
    await page.getByRole('checkbox', { name: 'Drôme (26)' }).check();
    await page.getByRole('checkbox', { name: 'Ardèche (07)' }).check();
    const all = await expected({ authorities: ['30', '26', '07'] });
    await waitForCount(page, countText(all.totalCount));
    await page.locator('summary', { hasText: 'Plus de filtres' }).click();
    await page.getByRole('checkbox', { name: 'Coopérative', exact: true }).check();
    const cooperatives = await expected({ authorities: ['30', '26', '07'], legalFamilies: ['COOPERATIVE'] });
    await waitForCount(page, countText(cooperatives.totalCount));
    expect(await rowNames(page)).toEqual(cooperatives.names.slice(0, PAGE_SIZE));
    const url = new URL(page.url());
    expect(url.searchParams.get('dep')).toBe('30,26,07');
    expect(url.searchParams.get('famille')).toBe('COOPERATIVE');

    // The other filters, through the address: inclusion type, ESUS, ESS member, sector, archived.
    const filtered = await openPage('/acteurs?dep=tous&inclusion=ACI,EI&ess=oui&archives=1&tri=-nom');
    const inclusion = await expected({ inclusionTypes: ['ACI', 'EI'], essMember: true, includeArchived: true });
    await waitForCount(filtered, countText(inclusion.totalCount));
    expect(await rowNames(filtered)).toEqual([...inclusion.names].reverse().slice(0, PAGE_SIZE));
    expect(await filtered.getByRole('checkbox', { name: /^ACI/ }).isChecked()).toBe(true);
    expect(await filtered.getByLabel("Membre de l'ESS").inputValue()).toBe('oui');
    expect(await filtered.getByLabel('Trier par').inputValue()).toBe('-nom');
    await filtered.close();

    // Back: the family filter goes away.
    await page.goBack();
    await waitForCount(page, countText(all.totalCount));
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await waitForCount(page, countText(gard.totalCount));
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  });

  it('lets the person choose the columns, and remembers the choice', async () => {
    const page = await openPage();
    await page.locator('summary', { hasText: 'Colonnes affichées' }).click();
    await page.locator('#column-siret').check();
    await page.locator('#column-networks').uncheck();
    expect(await page.locator('thead th[scope="col"]').allTextContents()).toEqual(['Nom', 'SIRET', 'Famille juridique', 'Commune', 'Département', "Type d'inclusion"]);
    await page.reload();
    await page.locator('table.actor-table').waitFor();
    expect(await page.locator('thead th[scope="col"]').allTextContents()).toEqual(['Nom', 'SIRET', 'Famille juridique', 'Commune', 'Département', "Type d'inclusion"]);
    await page.evaluate(() => window.localStorage.removeItem('ess.actors.columns'));
    await page.close();
  });

  it('exports the whole filtered list as CSV (the rows the gateway returns) and as XLSX', async () => {
    // Every family but foundations: more rows than one page (the demo's regional heads moved to their own départements).
    const families = ['ASSOCIATION', 'COOPERATIVE', 'MUTUAL', 'ESS_COMPANY'];
    const page = await openPage(`/acteurs?dep=tous&famille=${families.join(',')}`);
    const want = await expected({ authorities: ['30', '26', '07'], legalFamilies: families });
    expect(want.totalCount).toBeGreaterThan(PAGE_SIZE); // more than the page shown: the export fetches them all
    await waitForCount(page, countText(want.totalCount));

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^acteurs-ess-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await csvDownload.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv);
    expect(header!.slice(0, 3)).toEqual(['Nom', 'SIRET', 'SIREN']);
    expect(rows.map((row) => row[0])).toEqual(want.names);
    expect(rows.map((row) => row[1] || null)).toEqual(want.nodes.map((node) => node.siret));
    await page.getByText(`${want.totalCount} lignes exportées.`).waitFor();

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en XLSX' }).click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const files = unzip(await readFile((await xlsxDownload.path())!));
    expect(files.has('[Content_Types].xml')).toBe(true);
    const sheetText = decodeXml([...files].filter(([name]) => /^xl\/(sharedStrings|worksheets\/sheet1)\.xml$/.test(name)).map(([, xml]) => xml).join('\n'));
    for (const name of want.names) expect(sheetText).toContain(name);
    await page.close();
  });

  it('archives the selected actors (bulk action), which leave the default list', async () => {
    const page = await openPage('/acteurs?q=dissoute');
    const target = await actorNamed('Les Amis du Duché (dissoute)');
    const before = await expected({ ...GARD, search: 'dissoute' });
    expect(before.names).toEqual(['Les Amis du Duché (dissoute)']);
    await waitForCount(page, '1 acteur');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('checkbox', { name: 'Sélectionner Les Amis du Duché (dissoute)' }).check();
    expect(await page.locator('.actor-bulk__count').textContent()).toBe('1 acteur sélectionné');
    await page.getByRole('button', { name: 'Archiver la sélection' }).click();
    await page.getByText('1 acteur archivé.').waitFor();
    await waitForCount(page, 'Aucun acteur');
    // The outcome stays said once the list is empty (it went away with the selection's toolbar).
    expect(await page.getByRole('status').filter({ hasText: '1 acteur archivé.' }).count()).toBe(1);
    expect((await stored(target.id)).archivedAt).not.toBeNull();
    await page.close();
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
    await page.goto(`${baseUrl}/acteurs`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain("Les acteurs n'ont pas pu être chargés.");
    expect(text).toContain('SERVICE_UNAVAILABLE');
    expect(await page.content()).not.toMatch(/ECONNREFUSED|secret\.ts/);
    expect(await alert.getByRole('button', { name: 'Réessayer' }).count()).toBe(1);
    await page.close();
  });
});

describe('Acteurs de l’ESS: detail, edit, conflict', () => {
  it('shows an actor: identity, labels, networks, contacts, what the other services say, history', async () => {
    const scic = await actorNamed('SCIC Gard et Autonomie');
    const page = await openPage('/acteurs');
    await page.getByRole('link', { name: 'SCIC Gard et Autonomie', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'SCIC Gard et Autonomie' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/acteurs/${scic.id}`);
    for (const heading of ['Identité', 'Labels et statuts', 'Réseaux', 'Contacts', 'Ce que disent les autres services', 'Historique des modifications']) {
      expect(await page.getByRole('heading', { level: 2, name: heading }).count()).toBe(1);
    }
    for (const heading of ['Conventions', 'Marchés publics attribués', 'Candidatures aux appels à communs', 'Communs maintenus', 'Actions du plan dont il est partenaire']) {
      expect(await page.getByRole('heading', { level: 3, name: new RegExp(`^${heading}`) }).count()).toBe(1);
    }
    expect(await page.getByText(scic.siret!).count()).toBeGreaterThan(0);
    // The Gard editor reads the contacts of a Gard actor.
    expect(await page.getByText('Camille Démo-Fabre').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Archiver' }).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: "Acteurs de l'ESS" }).count()).toBe(1);
    expect(await checkPageInBothThemes(page, 'acteurs-fiche')).toEqual([]);

    // Each network links to the registry filtered on its members.
    const networks = await stack.query<{ actor: { networks: Array<{ id: string; name: string }> } }>(
      'query ($id: ID!) { actor(id: $id) { networks { id name } } }',
      { id: scic.id },
    );
    const network = networks.actor.networks[0]!;
    const members = await expected({ networkId: network.id });
    await page.getByRole('region', { name: 'Réseaux' }).getByRole('link', { name: network.name }).click();
    await page.waitForURL((url) => url.pathname === '/acteurs' && url.searchParams.get('reseau') === network.id);
    await waitForCount(page, members.totalCount === 1 ? '1 acteur' : `${members.totalCount} acteurs`);
    expect(await rowNames(page)).toContain('SCIC Gard et Autonomie');

    // An actor of the Drôme: no contacts for the Gard editor (a clear "not allowed"), no edit button.
    const poleSud = await actorNamed('Pôle Sud – Pôle de coopération et d’initiatives Sud Rhône-Alpes');
    await page.goto(`${baseUrl}/acteurs/${poleSud.id}`);
    await page.getByRole('heading', { level: 1, name: poleSud.name }).waitFor();
    await page.getByText("Vous n'avez pas accès aux contacts de cet acteur").waitFor();
    expect(await page.getByText('Thomas Démo-Chabert').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    expect(await page.locator('.notice--error').count()).toBe(0);
    await page.close();
  });

  it('a viewer reads the registry but gets no create, import, select, edit or archive control', async () => {
    const viewerContext = await stack.newContext();
    const [name, value] = (await stack.sessionCookie('lecteur.gard@demo.ess.local')).split('=') as [string, string];
    await viewerContext.addCookies([{ name, value, url: baseUrl }]);
    const page = await stack.openPage(viewerContext, '/acteurs');
    const gard = await expected(GARD);
    await waitForCount(page, countText(gard.totalCount));
    expect(await page.getByRole('link', { name: 'Nouvel acteur' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Importer un fichier SIRENE' }).count()).toBe(0);
    expect(await page.locator('table.actor-table input[type="checkbox"]').count()).toBe(0);
    await page.getByRole('link', { name: 'SCIC Gard et Autonomie', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'SCIC Gard et Autonomie' }).waitFor();
    expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Archiver' }).count()).toBe(0);
    await page.close();
    await viewerContext.close();
  });

  it('edits an actor and shows the change in the list', async () => {
    const actor = await actorNamed('Roulons Solidaire');
    const page = await openPage(`/acteurs/${actor.id}`);
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modifier « Roulons Solidaire »' }).waitFor();
    expect(await checkPageInBothThemes(page, 'acteurs-modifier')).toEqual([]);
    await page.getByRole('textbox', { name: 'Nom (obligatoire)' }).fill('Roulons Solidaire et Partagé');
    await page.getByLabel("Secteurs d'activité").fill('mobilité, insertion');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Roulons Solidaire et Partagé' }).waitFor();
    await page.getByText('Modifications enregistrées.').waitFor();
    expect((await stored(actor.id)).name).toBe('Roulons Solidaire et Partagé');
    // The history panel tells the change at once: by a staff account, which fields (bookkeeping ones left out).
    const history = page.getByRole('table', { name: 'Historique des modifications' });
    await history.locator('tbody tr', { hasText: 'Modification' }).first().waitFor();
    const latest = await history.locator('tbody tr').first().locator('td').allInnerTexts();
    expect(latest[1]).toMatch(/^Agent [0-9a-f]{8}$/);
    expect(latest[2]).toMatch(/^Modification : /);
    expect(latest[2]).toContain('Nom');
    expect(latest[2]).not.toMatch(/version|updatedAt/i);

    // Back to the list through the breadcrumb: the new name is there, without reloading the page.
    await page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: "Acteurs de l'ESS" }).click();
    await page.getByLabel('Rechercher un acteur').fill('roulons');
    await page.keyboard.press('Enter');
    await waitForCount(page, '1 acteur');
    expect(await rowNames(page)).toEqual(['Roulons Solidaire et Partagé']);
    await page.close();
  });

  it('a version conflict from two pages: reload takes theirs, overwrite saves mine over it', async () => {
    const actor = await actorNamed('Mutuelle des Garrigues');
    const label = 'Description';
    const mine = await openPage(`/acteurs/${actor.id}/modifier`);
    const theirs = await openPage(`/acteurs/${actor.id}/modifier`);
    await mine.getByLabel(label).waitFor();
    await theirs.getByLabel(label).waitFor();

    // They save first; then I save from a page that still has the old version.
    await theirs.getByLabel(label).fill('Leur version de la description.');
    await theirs.getByRole('button', { name: 'Enregistrer' }).click();
    await theirs.getByText('Modifications enregistrées.').waitFor();
    await mine.getByLabel(label).fill('Ma version de la description.');
    await mine.getByRole('button', { name: 'Enregistrer' }).click();
    const panel = mine.getByRole('alert').filter({ hasText: 'Quelqu’un a modifié cet enregistrement' });
    await panel.waitFor();
    const row = panel.locator('tr.conflict__differs', { hasText: label });
    expect(await row.locator('td').allTextContents()).toEqual(['Leur version de la description.', 'Ma version de la description.']);
    expect(await checkPageInBothThemes(mine, 'acteurs-conflit')).toEqual([]);

    // Reload: the form shows theirs; the server holds theirs.
    await panel.getByRole('button', { name: 'Recharger la version enregistrée' }).click();
    expect(await mine.getByLabel(label).inputValue()).toBe('Leur version de la description.');
    expect((await stored(actor.id)).description).toBe('Leur version de la description.');

    // A second round: they save again, I overwrite deliberately.
    await theirs.getByRole('link', { name: 'Modifier' }).click();
    await theirs.getByLabel(label).fill('Leur deuxième version.');
    await theirs.getByRole('button', { name: 'Enregistrer' }).click();
    await theirs.getByText('Modifications enregistrées.').waitFor();
    await mine.getByLabel(label).fill('Ma version, enregistrée quand même.');
    await mine.getByRole('button', { name: 'Enregistrer' }).click();
    await panel.waitFor();
    const versionBefore = (await stored(actor.id)).version;
    await panel.getByRole('button', { name: 'Enregistrer ma version quand même' }).click();
    await mine.getByText('Modifications enregistrées.').waitFor();
    const after = await stored(actor.id);
    expect(after.description).toBe('Ma version, enregistrée quand même.');
    expect(after.version).toBe(versionBefore + 1);
    await mine.close();
    await theirs.close();
  });
});

describe('Acteurs de l’ESS: create and import', () => {
  it('creates an actor: a bad SIRET is refused on its field, then the actor is created', async () => {
    const page = await openPage('/acteurs/nouveau');
    await page.getByRole('heading', { level: 1, name: 'Nouvel acteur' }).waitFor();
    expect(await checkPageInBothThemes(page, 'acteurs-nouveau')).toEqual([]);
    await page.getByRole('button', { name: "Créer l'acteur" }).click();
    // Nothing typed: the name is required; the summary takes the focus.
    await page.getByText('Saisissez le nom de l’acteur.').first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('notice--error'))).toBe(true);

    await page.getByRole('textbox', { name: 'Nom (obligatoire)' }).fill('Ressourcerie des Cévennes');
    await page.getByLabel('SIRET', { exact: true }).fill('123 456 789 00012');
    await page.getByRole('button', { name: "Créer l'acteur" }).click();
    const siret = page.getByLabel('SIRET', { exact: true });
    await page.locator('#actor-siret[aria-invalid="true"]').waitFor();
    const describedBy = (await siret.getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(describedBy.map((id) => page.locator(`#${id}`).textContent()));
    expect(messages).toContain('Ce SIRET n’est pas valide : vérifiez les chiffres (clé de contrôle).');
    expect(await page.getByRole('alert').getByRole('link', { name: /SIRET : Ce SIRET n’est pas valide/ }).getAttribute('href')).toBe('#actor-siret');
    expect(await checkPageInBothThemes(page, 'acteurs-nouveau-erreurs')).toEqual([]);
    // Following the summary's link puts the focus in the field, ready for typing.
    await page.getByRole('alert').getByRole('link', { name: /SIRET : Ce SIRET n’est pas valide/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('actor-siret');

    // The server's own refusal (a SIRET already registered) shows on the field too.
    const taken = (await actorNamed('SCIC Gard et Autonomie')).siret!;
    await siret.fill(taken);
    await page.getByRole('button', { name: "Créer l'acteur" }).click();
    await page.getByText(/Ce SIRET est déjà enregistré/).first().waitFor();
    expect(await page.locator('#actor-siret').getAttribute('aria-invalid')).toBe('true');

    const fresh = validSiret('91234567');
    await siret.fill(fresh);
    await page.getByLabel('Code postal').fill('30100');
    await page.getByLabel('Commune', { exact: true }).fill('Alès');
    await page.getByRole('button', { name: "Créer l'acteur" }).click();
    await page.getByRole('heading', { level: 1, name: 'Ressourcerie des Cévennes' }).waitFor();
    await page.getByText('Acteur créé.').waitFor();
    const created = await actorNamed('Ressourcerie des Cévennes');
    expect(created.siret).toBe(fresh);
    expect(created.authorityCode).toBe('30');

    // The list knows it at once (creations refresh the lists).
    await page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: "Acteurs de l'ESS" }).click();
    await page.getByLabel('Rechercher un acteur').fill('ressourcerie cevennes');
    await page.keyboard.press('Enter');
    await waitForCount(page, '1 acteur');
    expect(await rowNames(page)).toEqual(['Ressourcerie des Cévennes']);
    await page.close();
  });

  it('imports a SIRENE CSV: the preview reports the bad row; leaving it out imports the rest', async () => {
    const good = validSiret('81122233');
    const csv = [
      'siret;denominationUniteLegale;categorieJuridiqueUniteLegale;economieSocialeSolidaireUniteLegale;codePostalEtablissement;libelleCommuneEtablissement',
      `${good};Atelier Vélo Solidaire du Gard;9220;O;30000;Nîmes`,
      '12345678900000;Ligne en erreur;9220;O;30000;Nîmes',
    ].join('\n');
    const page = await openPage('/acteurs/import');
    await page.getByRole('heading', { level: 1, name: 'Importer un fichier SIRENE' }).waitFor();
    expect(await checkPageInBothThemes(page, 'acteurs-import')).toEqual([]);
    await page.getByLabel('Fichier CSV').setInputFiles({ name: 'sirene.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    // The data lines, as the import's "Lignes lues" counts them (the header made it say 3).
    await page.getByText('Fichier « sirene.csv » lu : 2 lignes de données, sans l’en-tête.').waitFor();
    // A chosen file goes through the upload (POST /uploads/actors/sirene) and runs as a job the page follows.
    const uploaded = page.waitForResponse((response) => response.url().includes('/uploads/actors/sirene?'));
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    const upload = await uploaded;
    expect(upload.status()).toBe(202);
    expect(new URL(upload.url()).searchParams.get('dryRun')).toBe('true');
    const errors = page.locator('table.actor-import__errors tbody tr');
    await errors.first().waitFor();
    const cells = await errors.first().locator('th, td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['3', '12345678900000', 'siret']);
    // The server's refusal in French, no English inside it.
    expect(cells[3]).toMatch(/clé de contrôle/);
    expect(cells[3]).not.toMatch(/\b(must|fails|check|is|the)\b/);
    await page.getByText('Corrigez le fichier').waitFor();
    expect(await page.getByRole('button', { name: /^Importer \d/ }).count()).toBe(0);
    expect(await checkPageInBothThemes(page, 'acteurs-import-apercu')).toEqual([]);
    // Nothing written by the preview.
    expect((await expected({ search: 'Atelier Vélo Solidaire' })).totalCount).toBe(0);

    await page.getByLabel('Importer les lignes valides et ignorer les lignes en erreur').check();
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    const apply = page.getByRole('button', { name: 'Importer 1 ligne' });
    await apply.waitFor(); // the second preview's job has ended
    const applied = page.waitForResponse((response) => response.url().includes('/uploads/actors/sirene?'));
    await apply.click();
    expect(new URL((await applied).url()).searchParams.get('dryRun')).toBe('false');
    await page.getByRole('heading', { level: 2, name: 'Import terminé' }).waitFor();
    const figures = await page.locator('.key-figure').allTextContents();
    expect(figures).toContain('1 Acteurs créés');
    expect(figures).toContain('1 Lignes ignorées');
    expect(figures).toContain('2 Lignes lues');
    expect((await expected({ search: 'Atelier Vélo Solidaire' })).names).toEqual(['Atelier Vélo Solidaire du Gard']);
    await page.close();
  });

  it('logged no errors in the browser or the gateway', () => {
    expect(stack.browserErrors).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  });
});
