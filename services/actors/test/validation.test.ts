// createActor/updateActor refuse bad input with BAD_USER_INPUT naming the field, and write nothing when they do.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { countRows, createActor, onlyError, siretFor, updateActor } from './factories';

const CREATE = `mutation ($input: CreateActorInput!) { createActor(input: $input) { id siret siren legalForm { family } authorityCode } }`;

describe('actor input validation', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
  });
  afterAll(() => subgraph?.close());

  async function expectRefused(input: Record<string, unknown>, field: string) {
    const actorsBefore = await countRows(subgraph.dataSource, 'actor');
    const auditBefore = await countRows(subgraph.dataSource, 'audit_log');
    const result = await subgraph.request(CREATE, { input });
    expect(result.data?.createActor ?? null).toBeNull();
    const error = onlyError(result);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field).toBe(field);
    expect(error.extensions?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await countRows(subgraph.dataSource, 'actor')).toBe(actorsBefore);
    expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(auditBefore);
    return error;
  }

  it('refuses a SIRET that fails the Luhn check, on the siret field', async () => {
    await expectRefused({ name: 'Typo SARL', siret: '44306184100048', authority: '30' }, 'siret');
  });

  it('refuses a SIRET of the wrong length', async () => {
    await expectRefused({ name: 'Short', siret: '4430618410004', authority: '30' }, 'siret');
  });

  it('refuses a SIRET that does not belong to the SIREN given', async () => {
    await expectRefused({ name: 'Mismatch', siren: '732829320', siret: '44306184100047', authority: '30' }, 'siret');
  });

  it('accepts the La Poste SIRET 35600000049837 (not Luhn, digit sum 45) and derives the SIREN', async () => {
    const result = await subgraph.request(CREATE, { input: { name: 'La Poste – bureau de Nîmes', siret: '356 000 000 49837', authority: '30' } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createActor).toMatchObject({ siret: '35600000049837', siren: '356000000', authorityCode: '30' });
    const [row] = await subgraph.dataSource.query(`SELECT siret, siren FROM actors.actor WHERE id = $1`, [result.data?.createActor.id]);
    expect(row).toEqual({ siret: '35600000049837', siren: '356000000' });
  });

  it('refuses a La Poste SIRET whose digit sum is not a multiple of 5', async () => {
    await expectRefused({ name: 'Fausse Poste', siret: '35600000049838', authority: '30' }, 'siret');
  });

  it('refuses a SIRET already registered', async () => {
    const siret = siretFor(1);
    await createActor(subgraph, { name: 'First holder', siret });
    const error = await expectRefused({ name: 'Second holder', siret, authority: '30' }, 'siret');
    expect(error.message).toMatch(/already registered/);
  });

  it('refuses a bad RNA on the rna field', async () => {
    await expectRefused({ name: 'Asso', rna: 'W12', authority: '30' }, 'rna');
  });

  it('refuses an actor with neither authority nor commune, on the authority field', async () => {
    await expectRefused({ name: 'Nowhere' }, 'authority');
  });

  it('takes the authority from the commune when none is given', async () => {
    const actor = await createActor(subgraph, { name: 'À Privas', communeCode: '07186', authority: undefined });
    expect(actor.authorityCode).toBe('07');
  });

  it('refuses an unknown authority', async () => {
    await expectRefused({ name: 'Corse ancienne', authority: '20' }, 'authority');
  });

  it('refuses a website that is not an http(s) address (class-validator on the input)', async () => {
    const error = await expectRefused({ name: 'Site', website: 'javascript:alert(1)', authority: '30' }, 'website');
    expect(error.message).toMatch(/website/);
  });

  it('refuses an empty name (class-validator) and a blank one (rules)', async () => {
    await expectRefused({ name: '', authority: '30' }, 'name');
    await expectRefused({ name: '   ', authority: '30' }, 'name');
  });

  it('refuses a NAF code, legal-form code, headcount band and commune that are not official codes', async () => {
    await expectRefused({ name: 'X', nafCode: '8899B', authority: '30' }, 'nafCode');
    await expectRefused({ name: 'X', legalFormCode: '92', authority: '30' }, 'legalFormCode');
    await expectRefused({ name: 'X', headcountBand: '99', authority: '30' }, 'headcountBand');
    await expectRefused({ name: 'X', communeCode: '301' }, 'communeCode');
  });

  it('refuses a legal family the code contradicts (9220 asked as COOPERATIVE)', async () => {
    await expectRefused({ name: 'X', legalFormCode: '9220', legalFamily: 'COOPERATIVE', authority: '30' }, 'legalFamily');
  });

  it('accepts a SAS declared as COOPERATIVE (a SCIC)', async () => {
    const actor = await createActor(subgraph, { name: 'SCIC Test', legalFormCode: '5710', legalFamily: 'COOPERATIVE' });
    expect(actor.legalForm).toEqual({ code: '5710', family: 'COOPERATIVE' });
  });

  it('refuses an ESUS approval date in the future or not a real date', async () => {
    await expectRefused({ name: 'X', esusApprovedOn: '2999-01-01', authority: '30' }, 'esusApprovedOn');
    await expectRefused({ name: 'X', esusApprovedOn: '2024-02-30', authority: '30' }, 'esusApprovedOn');
  });

  it('reports every bad field at once', async () => {
    const result = await subgraph.request(CREATE, { input: { name: 'Many', siret: '123', rna: 'X', nafCode: 'bad', authority: '30' } });
    const error = onlyError(result);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect((error.extensions?.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual(['nafCode', 'rna', 'siret']);
  });

  it('an update with a bad field is refused and leaves the actor and its version as they were', async () => {
    const actor = await createActor(subgraph, { name: 'Stable', siret: siretFor(2) });
    const auditBefore = await countRows(subgraph.dataSource, 'audit_log');
    const result = await updateActor(subgraph, actor.id, actor.version, { name: 'Changed', siret: '44306184100048' });
    expect(onlyError(result).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'siret' });
    const [row] = await subgraph.dataSource.query(`SELECT name, siret, version FROM actors.actor WHERE id = $1`, [actor.id]);
    expect(row).toEqual({ name: 'Stable', siret: siretFor(2), version: actor.version });
    expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(auditBefore);
  });

  it('an update to an unknown id answers NOT_FOUND, and to an id that is not a UUID BAD_USER_INPUT', async () => {
    expect(onlyError(await updateActor(subgraph, '00000000-0000-4000-8000-000000000000', 1, { name: 'X' })).extensions?.code).toBe('NOT_FOUND');
    for (const id of ['not-a-uuid', '']) {
      expect(onlyError(await updateActor(subgraph, id, 1, { name: 'X' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    }
  });
});
