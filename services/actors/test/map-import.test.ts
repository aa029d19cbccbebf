// The import of an ESS map exported from GoGoCarto (Carteco): matches by SIRET, proposals by name and commune confirmed by
// a person, the map's id kept (a re-import updates, never duplicates), coordinates, sectors with the labels, contacts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ANONYMOUS, staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { nameLikeness } from '../src/import/map-import.service';
import { sectorsOfLabel } from '../src/import/map-sectors';
import { createActor, createContact, ok, onlyError } from './factories';

const FIXTURE = readFileSync(path.join(__dirname, 'fixtures/gogocarto-carteco-elements.json'), 'utf8');
const REPORT = `applied dryRun source elements created updated linked unchanged skipped needsDecision unmappedCategories
  errors { index sourceId field message }
  items { index sourceId name postalCode communeName outcome actorId categories sectors hasContact
    candidates { actorId name siret postalCode communeName reason } }`;
const editor = staff('editor', ['30']);

type Decision = { sourceId: string; action: 'LINK' | 'CREATE' | 'SKIP'; actorId?: string };

describe('GoGoCarto / Carteco map import', () => {
  let subgraph: TestSubgraph;
  const ids: Record<string, string> = {};

  const importMap = (
    json: string,
    options: { decisions?: Decision[]; dryRun?: boolean; skip?: boolean; authority?: string } = {},
    identity = editor,
  ) =>
    subgraph.request(
      `mutation ($json: String!, $a: String!, $d: [MapImportDecision!], $dry: Boolean, $skip: Boolean) {
        importMap(json: $json, authority: $a, source: "carteco", decisions: $d, dryRun: $dry, skipInvalidRows: $skip) { ${REPORT} } }`,
      { json, a: options.authority ?? '30', d: options.decisions ?? [], dry: options.dryRun ?? false, skip: options.skip ?? false },
      identity,
    );
  const actorCount = async () => Number((await subgraph.dataSource.query('SELECT count(*) FROM actors.actor'))[0].count);
  const outcomes = (report: any) => Object.fromEntries(report.items.map((i: any) => [`${i.index}:${i.sourceId}`, i.outcome]));
  const decisions = (): Decision[] => [
    { sourceId: 'Qm7x', action: 'LINK', actorId: ids.jardins },
    { sourceId: 'Rr9p', action: 'SKIP' },
    { sourceId: 'Hx4d', action: 'SKIP' },
  ];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
    const epicerie = await createActor(subgraph, {
      name: 'Épicerie solidaire du Gard rhodanien',
      siret: '78412345700011',
      legalFormCode: '9220',
      street: '12 rue de la République',
      postalCode: '30200',
      communeName: 'Bagnols-sur-Cèze',
      sectors: ['action sociale'],
    });
    ids.epicerie = epicerie.id;
    await createContact(subgraph, epicerie.id, { email: 'contact@epicerie-solidaire.example' });
    ids.jardins = (
      await createActor(subgraph, {
        name: "Les Jardins d'Insertion d'Alès",
        legalFormCode: '9221',
        postalCode: '30100',
        communeName: 'Alès',
      })
    ).id;
    ids.drome = (
      await createActor(subgraph, { name: 'Atelier vélo de Valence', authority: '26', postalCode: '26000', communeName: 'Valence' })
    ).id;
  });
  afterAll(() => subgraph?.close());

  it('preview: links by SIRET, proposes registry actors of the same commune with a similar name, reports every bad element', async () => {
    const before = await actorCount();
    const report = ok(await importMap(FIXTURE, { dryRun: true })).importMap;
    expect(await actorCount()).toBe(before);
    expect(report).toMatchObject({ applied: false, dryRun: true, source: 'carteco', elements: 8, created: 2, linked: 1, needsDecision: 2 });
    expect(outcomes(report)).toEqual({
      '1:8K3l': 'LINK',
      '2:Qm7x': 'NEEDS_DECISION',
      '3:Zt2a': 'CREATE',
      '4:V5cn': 'CREATE',
      '5:Bad1': 'INVALID',
      '6:Zt2a': 'INVALID',
      '7:Rr9p': 'NEEDS_DECISION',
      '8:Hx4d': 'INVALID',
    });
    expect(report.items[0]).toMatchObject({ actorId: ids.epicerie, sectors: ['alimentation', 'agriculture'], hasContact: true });
    expect(report.items[1].candidates).toEqual([
      {
        actorId: ids.jardins,
        name: "Les Jardins d'Insertion d'Alès",
        siret: null,
        postalCode: '30100',
        communeName: 'Alès',
        reason: 'same name and commune',
      },
    ]);
    expect(report.errors.map((e: any) => [e.index, e.sourceId, e.field])).toEqual([
      [5, 'Bad1', 'geo.latitude'],
      [6, 'Zt2a', 'id'],
      [7, 'Rr9p', 'name'],
      [8, 'Hx4d', 'address.postalCode'],
    ]);
    expect(report.errors[1].message).toBe('appears twice on the map (first as element 3)');
    expect(report.errors[2].message).toMatch(/same name and commune as element 3/);
    expect(report.errors[3].message).toMatch(/not in the département 30/);
    // the categories' labels as on the map, and those with no sector listed (kept as labels, not dropped)
    expect(report.items[2]).toMatchObject({ categories: ['Culture', 'Numérique', 'Coups de cœur'], sectors: ['culture', 'numérique'] });
    expect(report.unmappedCategories).toEqual(['Coups de cœur']);
  });

  it('nothing is written while an element waits for a decision or is invalid, unless skipping is asked', async () => {
    const before = await actorCount();
    const refused = ok(await importMap(FIXTURE)).importMap;
    expect(refused).toMatchObject({ applied: false, needsDecision: 2 });
    const undecided = ok(await importMap(FIXTURE, { decisions: decisions() })).importMap;
    expect(undecided).toMatchObject({ applied: false, needsDecision: 0 });
    expect(undecided.errors).toHaveLength(2);
    expect(await actorCount()).toBe(before);
  });

  it('confirm: applies the decisions; coordinates, sectors, labels, opening hours and contacts are kept', async () => {
    const before = await actorCount();
    const report = ok(await importMap(FIXTURE, { decisions: decisions(), skip: true })).importMap;
    expect(report).toMatchObject({ applied: true, created: 2, linked: 2, updated: 0, skipped: 4, needsDecision: 0 });
    expect(outcomes(report)).toMatchObject({ '2:Qm7x': 'LINK', '7:Rr9p': 'SKIP', '8:Hx4d': 'SKIP' });
    expect(await actorCount()).toBe(before + 2);

    const read = async (id: string) =>
      ok(
        await subgraph.request(
          `query ($id: ID!) { actor(id: $id) { name essMember sectors website location { latitude longitude }
             address { street postalCode communeName } mapListings { source sourceId categories openingHours { day hours } }
             contacts { firstName lastName role email phone } } }`,
          { id },
          editor,
        ),
      ).actor;
    // linked by SIRET: the registry's values stay, the map fills what was missing and adds its sectors
    const epicerie = await read(ids.epicerie);
    expect(epicerie).toMatchObject({
      name: 'Épicerie solidaire du Gard rhodanien',
      location: { latitude: 44.1617, longitude: 4.6197 },
      sectors: ['action sociale', 'alimentation', 'agriculture'],
      website: 'https://epicerie-solidaire.example',
      mapListings: [{ source: 'carteco', sourceId: '8K3l', categories: ['Alimentation et agriculture'] }],
    });
    expect(epicerie.mapListings[0].openingHours).toEqual([
      { day: 'Tu', hours: '09:00-12:00' },
      { day: 'Fr', hours: '09:00-12:00 & 14:00-18:00' },
    ]);
    // its email was already a contact: not made twice
    expect(epicerie.contacts.map((c: any) => c.email)).toEqual(['contact@epicerie-solidaire.example']);
    expect((await read(ids.jardins)).contacts).toEqual([
      { firstName: '', lastName: 'Accueil', role: 'Contact publié sur la carte carteco', email: null, phone: '+33 4 66 00 00 02' },
    ]);

    const [created] = await subgraph.dataSource.query(
      `SELECT actor_id::text AS id FROM actors.actor_source WHERE source = 'carteco' AND source_id = 'Zt2a'`,
    );
    ids.fabrique = created.id;
    const fabrique = await read(created.id);
    expect(fabrique).toMatchObject({
      name: 'Tiers-lieu La Fabrique',
      essMember: false,
      sectors: ['culture', 'numérique'],
      location: { latitude: 43.8367, longitude: 4.3601 },
      address: { street: '5 place de la Maison Carrée', postalCode: '30000', communeName: 'Nîmes' },
      mapListings: [{ categories: ['Culture', 'Numérique', 'Coups de cœur'] }],
      contacts: [{ email: 'bonjour@la-fabrique.example', phone: '04 66 00 00 03' }],
    });
    const [velo] = await subgraph.dataSource.query(
      `SELECT a.street, a.latitude, a.longitude FROM actors.actor a
       JOIN actors.actor_source s ON s.actor_id = a.id WHERE s.source_id = 'V5cn'`,
    );
    expect(velo).toEqual({ street: 'Quai de la Fontaine, Nîmes', latitude: 43.839, longitude: 4.355 });
    // contacts stay personal data: hidden from anonymous callers, and the report never echoes them
    expect(
      onlyError(await subgraph.request(`query ($id: ID!) { actor(id: $id) { contacts { email } } }`, { id: created.id }, ANONYMOUS))
        .extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(report)).not.toContain('la-fabrique.example');
  });

  it('a second run changes nothing and says so; the map’s ids find the actors again, whatever the decisions', async () => {
    const before = await actorCount();
    const again = ok(await importMap(FIXTURE, { decisions: decisions(), skip: true })).importMap;
    expect(again).toMatchObject({ applied: false, created: 0, updated: 0, linked: 0, unchanged: 4 });
    // even a decision to create cannot duplicate an element imported before
    const forced = ok(
      await importMap(FIXTURE, {
        decisions: [
          { sourceId: 'Zt2a', action: 'CREATE' },
          { sourceId: 'Qm7x', action: 'CREATE' },
        ],
        skip: true,
      }),
    ).importMap;
    expect(forced).toMatchObject({ applied: false, created: 0, unchanged: 4 });
    // the twin of an imported element is now proposed as that actor
    const twin = forced.items.find((i: any) => i.sourceId === 'Rr9p');
    expect(twin.candidates[0]).toMatchObject({ actorId: ids.fabrique, reason: 'already on this map as element Zt2a' });
    expect(await actorCount()).toBe(before);
  });

  it('a changed element updates its actor’s map data and the contact it made; a contact staff deleted is not made again', async () => {
    const doc = JSON.parse(FIXTURE);
    doc.data[2].telephone = '04 66 99 99 99';
    doc.data[2].categories.push('Mobilité');
    const report = ok(await importMap(JSON.stringify(doc), { decisions: decisions(), skip: true })).importMap;
    expect(report).toMatchObject({ applied: true, updated: 1, unchanged: 3 });
    const [row] = await subgraph.dataSource.query(
      `SELECT c.phone, c.version, a.sectors, s.categories FROM actors.actor_source s JOIN actors.contact c ON c.id = s.contact_id
       JOIN actors.actor a ON a.id = s.actor_id WHERE s.source_id = 'Zt2a'`,
    );
    expect(row).toEqual({
      phone: '04 66 99 99 99',
      version: 2,
      sectors: ['culture', 'numérique', 'mobilité'],
      categories: ['Culture', 'Numérique', 'Coups de cœur', 'Mobilité'],
    });

    const [{ id, version }] = await subgraph.dataSource.query(`SELECT c.id::text, c.version FROM actors.contact c WHERE c.actor_id = $1`, [
      ids.jardins,
    ]);
    ok(await subgraph.request(`mutation ($id: ID!, $v: Int!) { deleteContact(id: $id, version: $v) }`, { id, v: version }, editor));
    const after = ok(await importMap(JSON.stringify(doc), { decisions: decisions(), skip: true })).importMap;
    expect(after).toMatchObject({ applied: false, unchanged: 4 });
    expect(await subgraph.dataSource.query(`SELECT id FROM actors.contact WHERE actor_id = $1`, [ids.jardins])).toEqual([]);
  });

  it('two imports of one map at once: one creates, the other finds the elements imported (never twice)', async () => {
    const doc = JSON.stringify({
      data: [{ id: 'Race1', name: 'Course au doublon', geo: { latitude: 44, longitude: 4 }, address: { postalCode: '30700' } }],
    });
    const reports = (await Promise.all([importMap(doc), importMap(doc), importMap(doc)])).map((r) => ok(r).importMap);
    expect(reports.map((r) => r.created).sort()).toEqual([0, 0, 1]);
    expect(reports.map((r) => r.unchanged).sort()).toEqual([0, 1, 1]);
    const [{ n }] = await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM actors.actor WHERE name = 'Course au doublon'`);
    expect(n).toBe(1);
  });

  it('the map listings of a list of actors are read in one statement, whatever the length of the list', async () => {
    const list = (first: number) =>
      subgraph.request(`query ($n: Int) { actors(first: $n) { nodes { id mapListings { sourceId } } } }`, { n: first });
    const without = await subgraph.request(`query { actors(first: 50) { nodes { id } } }`);
    const [one, many] = [await list(1), await list(50)];
    expect(ok(many).actors.nodes.filter((a: any) => a.mapListings.length)).toHaveLength(5);
    expect(one.statements).toBe(many.statements);
    expect(many.statements).toBe(without.statements + 1);
  });

  it('refuses what it cannot read and callers who may not write; a link to another authority’s actor is reported', async () => {
    const code = (result: any) => onlyError(result).extensions?.code;
    const fields = (result: any) => onlyError(result).extensions?.fields.map((f: any) => f.field);
    expect(fields(await importMap('{"data": [', { dryRun: true }))).toEqual(['json']);
    expect(fields(await importMap('{"elements": "no"}', { dryRun: true }))).toEqual(['json']);
    expect(fields(await importMap(FIXTURE, { dryRun: true, decisions: [{ sourceId: 'Qm7x', action: 'LINK' }] }))).toEqual([
      'decisions.0.actorId',
    ]);
    expect(code(await importMap(FIXTURE, { dryRun: true }, staff('viewer', ['30'])))).toBe('FORBIDDEN');
    expect(code(await importMap(FIXTURE, { dryRun: true }, staff('editor', ['26'])))).toBe('FORBIDDEN');
    // text PostgreSQL would refuse is reported with its path, not an internal error
    const broken = {
      data: [
        { id: 'Nul1', name: 'Nom', openHours: { Mo: 'a\u0000b' } },
        { id: 'Sur1', name: 'x\ud800' },
      ],
    };
    expect(ok(await importMap(JSON.stringify(broken), { dryRun: true })).importMap.errors.map((e: any) => [e.sourceId, e.field])).toEqual([
      ['Nul1', 'openHours.Mo'],
      ['Sur1', 'name'],
    ]);
    const odd = { data: [{ id: 'Cat1', name: 'Catégories bizarres', categories: ['Culture', { id: 9 }, { name: 'Santé' }] }] };
    expect(ok(await importMap(JSON.stringify(odd), { dryRun: true })).importMap.errors).toEqual([
      { index: 1, sourceId: 'Cat1', field: 'categories', message: 'must be category names (or ids named in categoriesFull)' },
    ]);
    const doc = {
      data: [
        {
          id: 'New1',
          name: 'Atelier vélo',
          geo: { latitude: 44.9, longitude: 4.9 },
          address: { postalCode: '26000', addressLocality: 'Valence' },
        },
      ],
    };
    const report = ok(
      await importMap(JSON.stringify(doc), { dryRun: true, decisions: [{ sourceId: 'New1', action: 'LINK', actorId: ids.drome }] }),
    ).importMap;
    expect(report.errors).toEqual([
      { index: 1, sourceId: 'New1', field: 'id', message: `is actor ${ids.drome} of authority 26, which you cannot change` },
    ]);
  });
});

describe('map labels and names', () => {
  it('maps category labels to registry sectors; a label with none keeps none', () => {
    expect(sectorsOfLabel('Alimentation et agriculture')).toEqual(['alimentation', 'agriculture']);
    expect(sectorsOfLabel('Emploi et insertion')).toEqual(['insertion']);
    expect(sectorsOfLabel('Réemploi et recyclage')).toEqual(['réemploi']);
    expect(sectorsOfLabel('Finance solidaire')).toEqual(['finance solidaire']);
    expect(sectorsOfLabel('Solidarité et lien social')).toEqual(['action sociale']);
    expect(sectorsOfLabel('Coups de cœur')).toEqual([]);
  });

  it('compares names on their words, without articles nor legal forms', () => {
    expect(nameLikeness("Jardins d'insertion d'Alès", "Les Jardins d'Insertion d'Alès")).toBe(1);
    expect(nameLikeness('Tiers-lieu La Fabrique', 'Tiers Lieu La Fabrique')).toBe(1);
    expect(nameLikeness('Recyclerie du Vigan', 'La Recyclerie')).toBe(0.5);
    expect(nameLikeness('Crèche Les Petits Pas', 'Épicerie solidaire')).toBe(0);
  });
});
