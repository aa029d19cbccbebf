// The actor rules' use of the official identifiers and codes (no database); the checks themselves are tested in the kit.
import { applyActorChanges } from '../src/actor/actor.rules';
import { LegalFamily, resolveFamily } from '../src/identifiers/codes';

describe('identifiers of an actor', () => {
  it('an actor with a La Poste SIRET typed with spaces is normalised and gets the La Poste SIREN', () => {
    const { values, problems } = applyActorChanges(null, { name: 'Bureau de poste', siret: '356 000 000 49837', authority: '30' });
    expect(problems).toEqual([]);
    expect(values.siret).toBe('35600000049837');
    expect(values.siren).toBe('356000000');
  });

  it("La Poste's head office 35600000000048 (Luhn) is accepted; 12345678900023 (SIREN part fails Luhn) is refused", () => {
    expect(applyActorChanges(null, { name: 'La Poste', siret: '35600000000048', authority: '75' }).problems).toEqual([]);
    expect(applyActorChanges(null, { name: 'Faux', siret: '12345678900023', authority: '30' }).problems).toEqual([
      { field: 'siret', message: expect.stringMatching(/SIREN part/) },
    ]);
  });

  it('an actor given a lowercase RNA gets it upper-cased', () => {
    const { values, problems } = applyActorChanges(null, { name: 'Asso', rna: ' w302001234 ', authority: '30' });
    expect(problems).toEqual([]);
    expect(values.rna).toBe('W302001234');
  });

  it('an actor in Ajaccio or in La Réunion belongs to 2A or 974 when no authority is given', () => {
    expect(applyActorChanges(null, { name: 'Corse', communeCode: '2a004' }).values.authorityCode).toBe('2A');
    const reunion = applyActorChanges(null, { name: 'Réunion', communeCode: '97411' });
    expect(reunion.problems).toEqual([]);
    expect(reunion.values.authorityCode).toBe('974');
  });

  it('a commune must exist and be in the département the actor is filed under', () => {
    expect(applyActorChanges(null, { name: 'Nîmes', communeCode: '30189', authority: '30' }).problems).toEqual([]);
    expect(applyActorChanges(null, { name: 'Nîmes', communeCode: '30189', authority: '26' }).problems).toEqual([
      { field: 'communeCode', message: 'is a commune of département 30, not of 26' },
    ]);
    expect(applyActorChanges(null, { name: 'Nulle part', communeCode: '30999', authority: '30' }).problems).toEqual([
      { field: 'communeCode', message: expect.stringMatching(/official code list/) },
    ]);
    expect(applyActorChanges(null, { name: 'Saint-Pierre', communeCode: '97502' }).problems.map((p) => p.field).sort()).toEqual(['authority', 'communeCode']);
  });
});

describe('legal family', () => {
  it('9220 is an association', () => {
    expect(resolveFamily('9220', true)).toEqual({ family: LegalFamily.ASSOCIATION });
  });

  it('5458 (SARL SCOP) is a cooperative', () => {
    expect(resolveFamily('5458', true)).toEqual({ family: LegalFamily.COOPERATIVE });
  });

  it('8210 is a mutual and 9300 a foundation', () => {
    expect(resolveFamily('8210', true).family).toBe(LegalFamily.MUTUAL);
    expect(resolveFamily('9300', true).family).toBe(LegalFamily.FOUNDATION);
  });

  it('a SAS (5710) with the ESS flag is an ESS company, without it another form', () => {
    expect(resolveFamily('5710', true)).toEqual({ family: LegalFamily.ESS_COMPANY });
    expect(resolveFamily('5710', false)).toEqual({ family: LegalFamily.OTHER });
  });

  it('a SAS asked as COOPERATIVE (a SCIC, which has no code of its own) is accepted', () => {
    expect(resolveFamily('5710', true, LegalFamily.COOPERATIVE)).toEqual({ family: LegalFamily.COOPERATIVE });
  });

  it('a commercial company cannot be asked as an association', () => {
    expect(resolveFamily('5710', true, LegalFamily.ASSOCIATION).problem).toMatch(/commercial company/);
  });

  it('9220 asked as COOPERATIVE is refused: the code says association', () => {
    const result = resolveFamily('9220', true, LegalFamily.COOPERATIVE);
    expect(result.family).toBe(LegalFamily.ASSOCIATION);
    expect(result.problem).toMatch(/association/);
  });

  it('through the actor rules, the refusal names the legalFamily field', () => {
    const { problems } = applyActorChanges(null, { name: 'X', legalFormCode: '9220', legalFamily: LegalFamily.COOPERATIVE, authority: '30' });
    expect(problems.map((p) => p.field)).toEqual(['legalFamily']);
  });
});

describe('legal family on later changes', () => {
  const scic = applyActorChanges(null, { name: 'SCIC', legalFormCode: '5710', legalFamily: LegalFamily.COOPERATIVE, authority: '30' }).values;
  const sas = applyActorChanges(null, { name: 'SAS', legalFormCode: '5710', essMember: true, authority: '30' }).values;

  it('a SCIC stays a cooperative when its code is sent again unchanged (as a SIRENE import does)', () => {
    expect(scic.legalFamily).toBe(LegalFamily.COOPERATIVE);
    const { values, problems } = applyActorChanges(scic, { legalFormCode: '5710', essMember: true });
    expect(problems).toEqual([]);
    expect(values.legalFamily).toBe(LegalFamily.COOPERATIVE);
    expect(applyActorChanges(scic, { name: 'SCIC renamed' }).values.legalFamily).toBe(LegalFamily.COOPERATIVE);
  });

  it('a family implied by the ESS flag follows the flag', () => {
    expect(sas.legalFamily).toBe(LegalFamily.ESS_COMPANY);
    expect(applyActorChanges(sas, { legalFormCode: '5710', essMember: false }).values.legalFamily).toBe(LegalFamily.OTHER);
    expect(applyActorChanges(sas, { essMember: false }).values.legalFamily).toBe(LegalFamily.OTHER);
  });

  it('a new code gives its own family', () => {
    expect(applyActorChanges(scic, { legalFormCode: '5458' }).values.legalFamily).toBe(LegalFamily.COOPERATIVE);
    expect(applyActorChanges(sas, { legalFormCode: '9220' }).values.legalFamily).toBe(LegalFamily.ASSOCIATION);
  });

  it('an association keeps its family when its code is cleared', () => {
    const association = applyActorChanges(null, { name: 'Asso', legalFormCode: '9220', authority: '30' }).values;
    expect(applyActorChanges(association, { legalFormCode: null }).values).toMatchObject({ legalFormCode: null, legalFamily: LegalFamily.ASSOCIATION });
  });
});
