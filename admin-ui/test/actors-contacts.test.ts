// An actor's contacts (personal data) on its page, in a real browser (see stack.ts): the Gard editor adds one (a bad
// email refused on its field first), corrects it, meets a version conflict, deletes it; a viewer reads without any
// control; an admin erases one (RGPD). The server is asked each time what it holds; axe in light and dark.
import type { BrowserContext, Page } from 'playwright-core';
import { checkPageInBothThemes } from './a11y';
import { startBrowserStack, type BrowserStack } from './stack';

let stack: BrowserStack;
let context: BrowserContext;
let baseUrl: string;
let editorCookie: string;

interface StoredContact {
  id: string;
  firstName: string;
  lastName: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  erasedAt: string | null;
  version: number;
}

const ACTOR = 'SCIC Gard et Autonomie';

async function actorId(name: string): Promise<string> {
  const data = await stack.query<{ actors: { nodes: Array<{ id: string; name: string }> } }>('query ($search: String) { actors(first: 50, filter: { search: $search }) { nodes { id name } } }', { search: name });
  const found = data.actors.nodes.find((node) => node.name === name);
  if (!found) throw new Error(`no actor ${name}`);
  return found.id;
}

/** What the server holds, read as the Gard editor. */
async function storedContacts(id: string, cookie = editorCookie): Promise<StoredContact[]> {
  const data = await stack.query<{ actor: { contacts: StoredContact[] } }>('query ($id: ID!) { actor(id: $id) { contacts { id firstName lastName role email phone erasedAt version } } }', { id }, cookie);
  return data.actor.contacts;
}

async function contextAs(email: string): Promise<BrowserContext> {
  const other = await stack.newContext();
  const [name, value] = (await stack.sessionCookie(email)).split('=') as [string, string];
  await other.addCookies([{ name, value, url: baseUrl }]);
  return other;
}

async function waitForFocus(page: Page, id: string): Promise<void> {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5_000 });
}

async function openActor(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: ACTOR }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor();
}

beforeAll(async () => {
  stack = await startBrowserStack();
  baseUrl = stack.baseUrl;
  context = await stack.newContext();
  editorCookie = await stack.sessionCookie();
  const [name, value] = editorCookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('Acteurs de l’ESS: contacts', () => {
  let id: string;

  it('the Gard editor adds a contact: a bad email is refused on its field, then the contact is saved and listed', async () => {
    id = await actorId(ACTOR);
    const before = await storedContacts(id);
    const page = await stack.openPage(context, `/acteurs/${id}`);
    await openActor(page);
    const panel = page.locator('section.actor-contacts-panel');
    await panel.getByText('Camille Démo-Fabre', { exact: true }).waitFor();

    await panel.getByRole('button', { name: 'Ajouter un contact' }).click();
    await panel.getByRole('heading', { level: 3, name: 'Nouveau contact' }).waitFor();
    // The first field takes the focus.
    await waitForFocus(page, 'contact-firstName');
    await page.getByRole('textbox', { name: 'Prénom (obligatoire)', exact: true }).fill('Jeanne');
    await page.getByRole('textbox', { name: 'Nom (obligatoire)', exact: true }).fill('Testeuse');
    await page.getByRole('textbox', { name: 'Fonction', exact: true }).fill('Trésorière');
    await page.getByRole('textbox', { name: 'Adresse électronique', exact: true }).fill('jeanne.testeuse@exemple');
    await page.getByRole('textbox', { name: 'Téléphone', exact: true }).fill('04 66 12 34 56');
    await panel.getByRole('button', { name: 'Enregistrer le contact' }).click();

    // Refused before sending: the summary takes the focus, the field says why.
    const summary = panel.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Adresse électronique : Saisissez une adresse électronique complète');
    expect(await page.getByRole('textbox', { name: 'Adresse électronique', exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#contact-email-error').textContent()).toContain('Saisissez une adresse électronique complète');
    expect(await storedContacts(id)).toHaveLength(before.length);

    // axe on the panel with the form open (and its errors), in both themes.
    expect(await checkPageInBothThemes(page, 'acteurs-contacts')).toEqual([]);

    await page.getByRole('textbox', { name: 'Adresse électronique', exact: true }).fill('Jeanne.Testeuse@exemple.fr');
    await panel.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await panel.getByRole('status').getByText('Contact ajouté.').waitFor();
    await panel.getByText('Jeanne Testeuse', { exact: true }).waitFor();
    expect(await panel.getByRole('heading', { name: 'Nouveau contact' }).count()).toBe(0);
    // The focus is back on the button that opened the form.
    await waitForFocus(page, 'contact-add');

    const added = (await storedContacts(id)).find((contact) => contact.lastName === 'Testeuse');
    expect(added).toMatchObject({ firstName: 'Jeanne', role: 'Trésorière', email: 'jeanne.testeuse@exemple.fr', phone: '04 66 12 34 56', erasedAt: null, version: 1 });
    expect(await storedContacts(id)).toHaveLength(before.length + 1);
    await page.close();
  });

  it('the editor corrects the contact in place, and on a version conflict chooses to save over the other change', async () => {
    const page = await stack.openPage(context, `/acteurs/${id}`);
    await openActor(page);
    const panel = page.locator('section.actor-contacts-panel');
    const contact = (await storedContacts(id)).find((candidate) => candidate.lastName === 'Testeuse')!;

    const editButton = panel.getByRole('button', { name: 'Modifier Jeanne Testeuse' });
    await editButton.click();
    await panel.getByRole('heading', { level: 3, name: 'Modifier le contact Jeanne Testeuse' }).waitFor();
    await waitForFocus(page, 'contact-firstName');
    expect(await page.getByRole('textbox', { name: 'Fonction', exact: true }).inputValue()).toBe('Trésorière');
    await page.getByRole('textbox', { name: 'Fonction', exact: true }).fill('Présidente');
    await page.getByRole('textbox', { name: 'Téléphone', exact: true }).fill('+33 4 66 00 11 22');
    await panel.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await panel.getByRole('status').getByText('Contact modifié.').waitFor();
    await panel.getByText('Présidente').waitFor();
    await waitForFocus(page, `contact-edit-${contact.id}`);
    expect((await storedContacts(id)).find((candidate) => candidate.id === contact.id)).toMatchObject({ role: 'Présidente', phone: '+33 4 66 00 11 22', version: 2 });

    // Someone else changes the role meanwhile; this page still holds version 2.
    await editButton.click();
    await waitForFocus(page, 'contact-firstName');
    await stack.query('mutation ($id: ID!) { updateContact(id: $id, version: 2, input: { role: "Secrétaire" }) { id version } }', { id: contact.id }, editorCookie);
    await page.getByRole('textbox', { name: 'Téléphone', exact: true }).fill('04 66 99 99 99');
    await panel.getByRole('button', { name: 'Enregistrer le contact' }).click();
    const conflict = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Quelqu’un a modifié cet enregistrement pendant que vous le modifiiez.' }) });
    await conflict.waitFor();
    // The conflict panel takes the focus.
    expect(await conflict.evaluate((element) => element === document.activeElement)).toBe(true);
    const conflictRow = page.locator('.conflict tr', { hasText: 'Fonction' });
    expect(await conflictRow.locator('td').allTextContents()).toEqual(['Secrétaire', 'Présidente']);
    await conflict.getByRole('button', { name: 'Enregistrer ma version quand même' }).click();
    await panel.getByRole('status').getByText('Contact modifié.').waitFor();
    // This person's version, as shown in the table, replaced the other one (as on the actor form).
    expect((await storedContacts(id)).find((candidate) => candidate.id === contact.id)).toMatchObject({ role: 'Présidente', phone: '04 66 99 99 99', version: 4 });
    await panel.getByText('04 66 99 99 99').waitFor();
    await page.close();
  });

  it('the editor deletes the contact after confirming, and the server no longer holds it', async () => {
    const page = await stack.openPage(context, `/acteurs/${id}`);
    await openActor(page);
    const panel = page.locator('section.actor-contacts-panel');
    const contact = (await storedContacts(id)).find((candidate) => candidate.lastName === 'Testeuse')!;
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await panel.getByRole('button', { name: 'Supprimer Jeanne Testeuse' }).click();
    await panel.getByRole('status').getByText('Contact supprimé.').waitFor();
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toContain('Supprimer le contact Jeanne Testeuse ?');
    await page.waitForFunction(() => !document.querySelector('section.actor-contacts-panel')?.textContent?.includes('Jeanne Testeuse'), undefined, { timeout: 5_000 });
    await waitForFocus(page, 'contact-add');
    expect((await storedContacts(id)).some((candidate) => candidate.id === contact.id)).toBe(false);
    expect(await panel.getByText('Camille Démo-Fabre', { exact: true }).count()).toBe(1);
    await page.close();
  });

  it('a viewer of the Gard reads the contacts without any control to change them', async () => {
    const viewerContext = await contextAs('lecteur.gard@demo.ess.local');
    const page = await stack.openPage(viewerContext, `/acteurs/${id}`);
    await openActor(page);
    const panel = page.locator('section.actor-contacts-panel');
    await panel.getByText('Camille Démo-Fabre', { exact: true }).waitFor();
    expect(await panel.getByRole('button').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ajouter un contact' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Modifier|Supprimer|Effacer)/ }).count()).toBe(0);
    await page.close();
    await viewerContext.close();
  });

  it('the editor gets no erasure; the Gard admin erases a contact on request, with a reason', async () => {
    const created = await stack.query<{ createContact: { id: string } }>(
      'mutation ($actorId: ID!) { createContact(actorId: $actorId, input: { firstName: "Paul", lastName: "Àeffacer", email: "paul@exemple.fr" }) { id } }',
      { actorId: id },
      editorCookie,
    );
    const editorPage = await stack.openPage(context, `/acteurs/${id}`);
    await openActor(editorPage);
    await editorPage.getByRole('button', { name: 'Supprimer Paul Àeffacer' }).waitFor();
    expect(await editorPage.getByRole('button', { name: /^Effacer/ }).count()).toBe(0);
    await editorPage.close();

    const adminContext = await contextAs('admin.gard@demo.ess.local');
    const page = await stack.openPage(adminContext, `/acteurs/${id}`);
    await openActor(page);
    const panel = page.locator('section.actor-contacts-panel');
    await panel.getByRole('button', { name: 'Effacer (RGPD) Paul Àeffacer' }).click();
    await panel.getByRole('heading', { level: 3, name: 'Effacer le contact Paul Àeffacer (RGPD)' }).waitFor();
    await waitForFocus(page, 'contact-reason');
    expect(await panel.getByText('droit à l\'effacement, RGPD art. 17').count()).toBe(1);
    // No reason: refused on the field.
    await panel.getByRole('button', { name: 'Effacer définitivement' }).click();
    await page.locator('#contact-reason-error').waitFor();
    await page.getByRole('textbox', { name: /Motif de l'effacement/ }).fill('demande écrite du 3 mars');
    await panel.getByRole('button', { name: 'Effacer définitivement' }).click();
    await panel.getByRole('status').getByText('Contact effacé (RGPD).').waitFor();
    await page.waitForFunction(() => !document.querySelector('section.actor-contacts-panel')?.textContent?.includes('Àeffacer'), undefined, { timeout: 5_000 });
    await waitForFocus(page, `contact-delete-${created.createContact.id}`);
    const erased = (await storedContacts(id)).find((candidate) => candidate.id === created.createContact.id);
    expect(erased).toMatchObject({ firstName: 'Contact', lastName: 'effacé', email: null });
    expect(erased?.erasedAt).not.toBeNull();
    await page.close();
    await adminContext.close();
  });

  it('left no error in the browser or the gateway', () => {
    expect(stack.browserErrors.filter((error) => !/status of 401/.test(error))).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  });
});
