// Pure checks of the official identifiers and codes (no database).
import { applyActorChanges } from '../src/actor/actor.rules';
import { LegalFamily, resolveFamily } from '../src/identifiers/codes';
import {
  communeProblem,
  compactDigits,
  departmentOfCommune,
  departmentProblem,
  luhnValid,
  nafProblem,
  rnaProblem,
  sirenProblem,
  siretProblem,
} from '../src/identifiers/identifiers';
import { siretFor, withLuhnDigit } from './factories';

describe('SIREN and SIRET (Luhn)', () => {
  it('accepts real SIREN and SIRET numbers', () => {
    expect(sirenProblem('732829320')).toBeNull();
    expect(sirenProblem('443061841')).toBeNull();
    expect(siretProblem('44306184100047')).toBeNull();
  });

  it('rejects a typo in one digit, and swapped digits', () => {
    expect(sirenProblem('732829321')).toMatch(/Luhn/);
    expect(siretProblem('44306184100048')).toMatch(/Luhn/);
    expect(siretProblem('44306184100074')).toMatch(/Luhn/);
  });

  it('rejects a SIRET whose SIREN part fails even when the whole passes', () => {
    // The NIC is chosen so that the 14 digits pass Luhn although the 9-digit SIREN does not.
    const siret = withLuhnDigit('7328293210001');
    expect(luhnValid(siret)).toBe(true);
    expect(siretProblem(siret)).toMatch(/SIREN part/);
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(sirenProblem('73282932')).toMatch(/9 digits/);
    expect(sirenProblem('7328293200')).toMatch(/9 digits/);
    expect(sirenProblem('73282932A')).toMatch(/9 digits/);
    expect(siretProblem('4430618410004')).toMatch(/14 digits/);
    expect(siretProblem('443061841000470')).toMatch(/14 digits/);
  });

  it('the test factory makes valid and distinct SIRETs', () => {
    const sirets = Array.from({ length: 50 }, (_, i) => siretFor(i));
    expect(new Set(sirets).size).toBe(50);
    for (const siret of sirets) expect(siretProblem(siret)).toBeNull();
  });
});

describe('La Poste exception', () => {
  it('accepts 35600000049837: it fails Luhn but its digit sum (45) is a multiple of 5', () => {
    expect(luhnValid('35600000049837')).toBe(false);
    expect([...'35600000049837'].reduce((sum, d) => sum + Number(d), 0)).toBe(45);
    expect(siretProblem('35600000049837')).toBeNull();
  });

  it('rejects a La Poste SIRET whose digit sum is not a multiple of 5', () => {
    expect(siretProblem('35600000049838')).toMatch(/La Poste/);
    // even when it happens to pass Luhn: the rule for La Poste is the digit sum, not Luhn
    expect(luhnValid('35600000010013')).toBe(true);
    expect(siretProblem('35600000010013')).toMatch(/La Poste/);
  });

  it('accepts the La Poste SIREN itself', () => {
    expect(sirenProblem('356000000')).toBeNull();
  });

  it('an actor with a La Poste SIRET typed with spaces is normalised and gets the La Poste SIREN', () => {
    const { values, problems } = applyActorChanges(null, { name: 'Bureau de poste', siret: '356 000 000 49837', authority: '30' });
    expect(problems).toEqual([]);
    expect(values.siret).toBe('35600000049837');
    expect(values.siren).toBe('356000000');
    expect(compactDigits('356.000.000-49837')).toBe('35600000049837');
  });
});

describe('RNA', () => {
  it.each(['W302001234', 'W751234567'])('accepts %s', (rna) => expect(rnaProblem(rna)).toBeNull());
  it.each(['W30200123', 'W3020012345', 'X302001234', '302001234', 'W30200123A', 'w302001234'])('rejects %s', (rna) => expect(rnaProblem(rna)).not.toBeNull());

  it('an actor given a lowercase RNA gets it upper-cased', () => {
    const { values, problems } = applyActorChanges(null, { name: 'Asso', rna: ' w302001234 ', authority: '30' });
    expect(problems).toEqual([]);
    expect(values.rna).toBe('W302001234');
  });
});

describe('NAF code', () => {
  it.each(['88.99B', '01.13Z', '94.99Z'])('accepts %s', (naf) => expect(nafProblem(naf)).toBeNull());
  it.each(['8899B', '88.99', '88.9B', '88.99BB', '88.99b', 'AB.CDE'])('rejects %s', (naf) => expect(nafProblem(naf)).not.toBeNull());
});

describe('commune and département codes', () => {
  it.each(['30189', '07186', '26362', '2A004', '2B033', '97105', '97411', '97611'])('accepts commune %s', (code) => expect(communeProblem(code)).toBeNull());
  it.each(['3018', '301890', '2C004', '2a004', 'AB123', '20004', '00123', '96123', '98712', ''])('rejects commune %p', (code) => expect(communeProblem(code)).not.toBeNull());

  it('finds the département of a commune, with 3 characters overseas and 2A/2B in Corsica', () => {
    expect(departmentOfCommune('30189')).toBe('30');
    expect(departmentOfCommune('07186')).toBe('07');
    expect(departmentOfCommune('2A004')).toBe('2A');
    expect(departmentOfCommune('2B033')).toBe('2B');
    expect(departmentOfCommune('97105')).toBe('971');
    expect(departmentOfCommune('97411')).toBe('974');
  });

  it.each(['01', '07', '26', '30', '95', '2A', '2B', '971', '974', '976'])('accepts département %s', (code) => expect(departmentProblem(code)).toBeNull());
  it.each(['00', '20', '96', '977', '7', '300', 'ZZ'])('rejects département %s', (code) => expect(departmentProblem(code)).not.toBeNull());

  it('an actor in Ajaccio or in La Réunion belongs to 2A or 974 when no authority is given', () => {
    expect(applyActorChanges(null, { name: 'Corse', communeCode: '2a004' }).values.authorityCode).toBe('2A');
    const reunion = applyActorChanges(null, { name: 'Réunion', communeCode: '97411' });
    expect(reunion.problems).toEqual([]);
    expect(reunion.values.authorityCode).toBe('974');
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
