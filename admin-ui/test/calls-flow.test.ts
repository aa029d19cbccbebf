// The calls-for-commons screens in a real browser against the running platform (see stack.ts), as the Gard editor: a
// new call moved step by step through its lifecycle; each step the API would refuse is not offered and says why (the
// call still open, no juror, an application not screened); an application screened eligible; a decision above the
// envelope explained and refused, one within it saved, the amounts granted and remaining updated. The calls list and
// the call page are checked with axe in both themes (screenshots in test-artifacts).
import type { BrowserContext, Page } from 'playwright-core';
import { checkPageInBothThemes } from './a11y';
import { startBrowserStack, type BrowserStack } from './stack';

let stack: BrowserStack;
let cookie: string;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startBrowserStack();
  cookie = await stack.sessionCookie();
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

async function callVersion(id: string): Promise<{ version: number; status: string }> {
  const data = await stack.query<{ call: { version: number; status: string } }>('query ($id: ID!) { call(id: $id) { version status } }', { id }, cookie);
  return data.call;
}

/** Asks the page to move the call one step, and waits until the lifecycle shows the new current step. */
async function moveTo(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: `Passer à l’étape « ${label} »` }).click();
  await page.getByRole('status').filter({ hasText: `L’appel est passé à l’étape « ${label} ».` }).waitFor();
}

/** Presses Tab until the focused element matches, as a keyboard user would (fails after `max` presses). */
async function tabTo(page: Page, matches: (element: { tag: string; text: string; label: string }) => boolean, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const labels = (el as HTMLInputElement | null)?.labels;
      return { tag: el?.tagName.toLowerCase() ?? '', text: (el?.textContent ?? '').trim(), label: el?.getAttribute('aria-label') ?? (labels?.[0]?.textContent ?? '').trim() };
    });
    if (matches(focused)) return;
  }
  throw new Error('The element was not reached with Tab');
}

/** A call under review (built through the API) with one application of three structures, the Gard editor on the jury. */
async function callUnderReview(title: string): Promise<{ callId: string; applicationId: string }> {
  const gql = <T>(query: string, variables: Record<string, unknown>) => stack.query<T>(query, variables, cookie);
  const version = async (id: string) => (await callVersion(id)).version;
  const move = async (id: string, status: string) =>
    gql('mutation ($id: ID!, $version: Int!, $status: CallStatus!) { transitionCall(id: $id, version: $version, status: $status) { id } }', { id, version: await version(id), status });
  const { createCall } = await gql<{ createCall: { id: string; challenges: Array<{ id: string }> } }>(
    'mutation ($input: CreateCallInput!) { createCall(input: $input) { id challenges { id } } }',
    {
      input: {
        authorityCode: '30', title, acceptedLicences: ['CC-BY-SA-4.0'], supportKinds: ['MONEY'], budgetEnvelope: 10000, opensOn: day(-2), closesOn: day(5),
        challenges: [{ title: 'Mutualiser les outils' }], criteria: [{ label: 'Utilité', maxScore: 10 }],
      },
    },
  );
  const callId = createCall.id;
  await move(callId, 'CO_CONSTRUCTION');
  const { createNeed } = await gql<{ createNeed: { id: string } }>('mutation ($input: CreateNeedInput!) { createNeed(input: $input) { id } }', {
    input: { callId, challengeId: createCall.challenges[0]!.id, description: 'Partager les outils', territoryKind: 'DEPARTEMENT_WIDE' },
  });
  await move(callId, 'OPEN');
  const actors = await gql<{ actors: { nodes: Array<{ id: string }> } }>('{ actors(first: 3, filter: { authorities: ["30"] }) { nodes { id } } }', {});
  const [lead, ...partners] = actors.actors.nodes.map((actor) => actor.id);
  const { createApplication } = await gql<{ createApplication: { id: string; version: number } }>(
    'mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { id version } }',
    { input: { callId, leadActorId: lead, partnerIds: partners, needIds: [createNeed.id], title: 'Outilthèque', proposedCommon: 'Une outilthèque', licence: 'CC-BY-SA-4.0' } },
  );
  const applicationId = createApplication.id;
  const submitted = await gql<{ submitApplication: { version: number } }>('mutation ($id: ID!, $version: Int!) { submitApplication(id: $id, version: $version) { version } }', {
    id: applicationId,
    version: createApplication.version,
  });
  await gql('mutation ($id: ID!, $version: Int!, $input: UpdateCallInput!) { updateCall(id: $id, version: $version, input: $input) { id } }', {
    id: callId, version: await version(callId), input: { closesOn: day(-1) },
  });
  await move(callId, 'CLOSED');
  await gql('mutation ($id: ID!, $version: Int!) { screenApplication(id: $id, version: $version, eligible: true) { id } }', { id: applicationId, version: submitted.submitApplication.version });
  const me = await gql<{ me: { user: { id: string; displayName: string } } }>('{ me { user { id displayName } } }', {});
  await gql('mutation ($callId: ID!, $version: Int!, $input: JurorInput!) { addJuror(callId: $callId, version: $version, input: $input) { id } }', {
    callId, version: await version(callId), input: { userId: me.me.user.id, name: me.me.user.displayName },
  });
  await move(callId, 'UNDER_REVIEW');
  return { callId, applicationId };
}

describe('Calls for commons: lifecycle, screening and decisions within the envelope', () => {
  it('moves a call through its lifecycle to a decision that respects the envelope', async () => {
    const created = await stack.query<{ createCall: { id: string } }>(
      `mutation ($input: CreateCallInput!) { createCall(input: $input) { id } }`,
      {
        input: {
          authorityCode: '30',
          title: 'Appel de test : outils partagés',
          minStructures: 3,
          acceptedLicences: ['CC-BY-SA-4.0'],
          supportKinds: ['MONEY'],
          budgetEnvelope: 10000,
          opensOn: day(-2),
          closesOn: day(5),
          challenges: [{ title: 'Mutualiser les outils' }],
          criteria: [{ label: 'Utilité', maxScore: 10 }],
        },
      },
      cookie,
    );
    const callId = created.createCall.id;
    const { context, page } = await signedInPage('/appels?statut=DRAFT');

    // The list, filtered in the address, links to the call.
    await page.getByRole('link', { name: 'Appel de test : outils partagés' }).click();
    await page.getByRole('heading', { level: 1, name: 'Appel de test : outils partagés' }).waitFor();
    expect(page.url()).toBe(`${stack.baseUrl}/appels/${callId}`);

    await moveTo(page, 'Co-construction');
    // A need co-defined in the co-construction (the workshops' screens are not built yet: recorded through the API).
    const challenge = await stack.query<{ call: { challenges: Array<{ id: string }> } }>('query ($id: ID!) { call(id: $id) { challenges { id } } }', { id: callId }, cookie);
    const need = await stack.query<{ createNeed: { id: string } }>(
      'mutation ($input: CreateNeedInput!) { createNeed(input: $input) { id } }',
      { input: { callId, challengeId: challenge.call.challenges[0]!.id, description: 'Partager les outils', territoryKind: 'DEPARTEMENT_WIDE' } },
      cookie,
    );
    await moveTo(page, 'Ouvert');

    // A group of three structures of the registry applies and submits.
    const actors = await stack.query<{ actors: { nodes: Array<{ id: string }> } }>(`{ actors(first: 3, filter: { authorities: ["30"] }) { nodes { id } } }`, {}, cookie);
    const [lead, ...partners] = actors.actors.nodes.map((actor) => actor.id);
    const application = await stack.query<{ createApplication: { id: string; version: number } }>(
      `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { id version } }`,
      { input: { callId, leadActorId: lead, partnerIds: partners, needIds: [need.createNeed.id], title: 'Outilthèque', proposedCommon: 'Une outilthèque partagée', licence: 'CC-BY-SA-4.0', requestedAmount: 8000 } },
      cookie,
    );
    const { id: applicationId, version } = application.createApplication;
    await stack.query('mutation ($id: ID!, $version: Int!) { submitApplication(id: $id, version: $version) { id } }', { id: applicationId, version }, cookie);

    // Closing is not offered while submissions are still allowed, and the page says until when.
    await page.reload();
    await page.getByText('Passage à l’étape « Clos » impossible pour l’instant').waitFor();
    await page.getByText(/Les candidatures peuvent être déposées jusqu’au/).waitFor();
    expect(await page.getByRole('button', { name: /Passer à l’étape/ }).count()).toBe(0);

    // The period ends (moved by the API: the test cannot wait for the date), then the call closes.
    const open = await callVersion(callId);
    await stack.query(
      'mutation ($id: ID!, $version: Int!, $input: UpdateCallInput!) { updateCall(id: $id, version: $version, input: $input) { id } }',
      { id: callId, version: open.version, input: { closesOn: day(-1) } },
      cookie,
    );
    await page.reload();
    await moveTo(page, 'Clos');

    // The review needs the application screened, then a juror: each missing step is said.
    await page.getByText(/1 candidature déposée n’est pas encore déclarée/).waitFor();
    await page.getByRole('button', { name: 'Recevable « Outilthèque »', exact: true }).click();
    await page.getByText('Ajoutez au moins un juré avant le début de l’examen.').waitFor();
    const me = await stack.query<{ me: { user: { id: string; displayName: string } } }>('{ me { user { id displayName } } }', {}, cookie);
    const closed = await callVersion(callId);
    await stack.query(
      'mutation ($callId: ID!, $version: Int!, $input: JurorInput!) { addJuror(callId: $callId, version: $version, input: $input) { id } }',
      { callId, version: closed.version, input: { userId: me.me.user.id, name: me.me.user.displayName } },
      cookie,
    );
    await page.reload();
    await moveTo(page, 'En examen');

    expect(await checkPageInBothThemes(page, 'call')).toEqual([]);

    // A decision above the envelope explains itself and is not sent; one within it is saved.
    await page.getByRole('button', { name: 'Décider « Outilthèque »' }).click();
    await page.getByLabel(/Motifs/).fill('Projet solide, porté par trois structures.');
    await page.getByLabel('Montant accordé (euros)').fill('12000');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText(/Ce montant dépasse l’enveloppe : il ne reste que 10\s000\s€/).waitFor();
    await page.getByLabel('Montant accordé (euros)').fill('7500');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText('La décision est enregistrée.').waitFor();
    await page.locator('dd').filter({ hasText: /^7\s500\s€$/ }).waitFor();
    await page.locator('dd').filter({ hasText: /^2\s500\s€$/ }).waitFor();

    // The metrics load on demand: one application accepted, three structures, the money granted.
    await page.getByRole('button', { name: 'Afficher les indicateurs' }).click();
    const metrics = page.getByRole('table', { name: 'Indicateurs de l’appel' });
    await metrics.getByRole('row', { name: /Candidatures retenues 1/ }).waitFor();
    await metrics.getByRole('row', { name: /Structures impliquées 3/ }).waitFor();
    await page.getByRole('img', { name: /Indicateurs de l’appel\. Candidatures déposées : 1/ }).waitFor();
    expect(await checkPageInBothThemes(page, 'call-metrics')).toEqual([]);

    await moveTo(page, 'Décidé');
    expect((await callVersion(callId)).status).toBe('DECIDED');

    await page.goto(`${stack.baseUrl}/appels`);
    await page.getByRole('link', { name: 'Appel de test : outils partagés' }).waitFor();
    expect(await checkPageInBothThemes(page, 'calls')).toEqual([]);
    await context.close();

    expect(stack.browserErrors).toEqual([]);
    expect(stack.gatewayErrors).toEqual([]);
  }, 180_000);

  it('a juror writes their own review, then changes it', async () => {
    const { applicationId } = await callUnderReview('Appel de test : jury');
    const { context, page } = await signedInPage(`/candidatures/${applicationId}`);
    await page.getByRole('heading', { level: 1, name: 'Outilthèque' }).waitFor();
    await page.getByRole('heading', { name: 'Mon avis de juré' }).waitFor();

    // A score out of range is said beside its field and not sent.
    await page.getByLabel(/^Utilité \(0–10\)/).fill('12');
    await page.getByRole('button', { name: 'Enregistrer mon avis' }).click();
    await page.getByText('un nombre entier de 0 à 10').waitFor();
    await page.getByLabel(/^Utilité \(0–10\)/).fill('8');
    await page.getByLabel('Commentaire').fill('Groupe solide.');
    await page.getByRole('button', { name: 'Enregistrer mon avis' }).click();
    await page.getByText('Votre avis est enregistré.').waitFor();
    // The score follows (8 of 10 → 80), and the form now edits the review.
    await page.locator('dd').filter({ hasText: /^80 \(1 avis\)$/ }).waitFor();
    await page.getByRole('button', { name: 'Modifier mon avis' }).waitFor();

    await page.reload();
    expect(await page.getByLabel(/^Utilité \(0–10\)/).inputValue()).toBe('8');
    await page.getByLabel(/^Utilité \(0–10\)/).fill('6');
    await page.getByRole('button', { name: 'Modifier mon avis' }).click();
    await page.getByText('Votre avis est enregistré.').waitFor();
    await page.locator('dd').filter({ hasText: /^60 \(1 avis\)$/ }).waitFor();

    const api = await stack.query<{ application: { reviews: Array<{ comment: string; scores: Array<{ score: number }> }> } }>(
      'query ($id: ID!) { application(id: $id) { reviews { comment scores { score } } } }',
      { id: applicationId },
      cookie,
    );
    expect(api.application.reviews).toEqual([{ comment: 'Groupe solide.', scores: [{ score: 6 }] }]);
    expect(await checkPageInBothThemes(page, 'application')).toEqual([]);
    await context.close();
  }, 120_000);

  it('creates a call with the keyboard alone', async () => {
    const { context, page } = await signedInPage('/appels');
    await page.getByRole('heading', { level: 1, name: 'Appels à communs' }).waitFor();
    await tabTo(page, (el) => el.tag === 'a' && el.text === 'Nouvel appel');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Nouvel appel' }).waitFor();
    expect(await checkPageInBothThemes(page, 'call-new')).toEqual([]);

    // Submitting empty: the summary takes the focus and links to the title.
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Créer l’appel');
    await page.keyboard.press('Enter');
    await page.getByText('Intitulé : à renseigner').waitFor();
    await tabTo(page, (el) => el.tag === 'a' && el.text === 'Intitulé : à renseigner');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Appel au clavier');
    await tabTo(page, (el) => el.label.startsWith('Enveloppe'));
    await page.keyboard.type('5000');
    await tabTo(page, (el) => el.label.startsWith('Premier défi'));
    await page.keyboard.type('Se déplacer ensemble');
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Créer l’appel');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Appel au clavier' }).waitFor();
    await page.getByRole('button', { name: 'Passer à l’étape « Co-construction »' }).waitFor();
    await context.close();
  }, 120_000);
});
