// The actor form's client checks use the kit's identifier rules: the same answers as the server, before sending.
import { actorsFr } from '../src/actors/messages.fr';
import { validateActor, type ActorFormValues } from '../src/actors/validation';

const e = actorsFr.form.errors;
const values = (changes: Partial<ActorFormValues>): ActorFormValues => ({
  name: 'Structure',
  siret: '',
  siren: '',
  rna: '',
  legalFormCode: '',
  legalFamily: '',
  essMember: true,
  esusApprovedOn: '',
  inclusionType: 'NONE',
  nafCode: '',
  headcountBand: '',
  street: '',
  postalCode: '',
  communeCode: '',
  communeName: '',
  authority: '30',
  website: '',
  description: '',
  sectors: '',
  status: 'ACTIVE',
  ...changes,
});

describe('actor form checks', () => {
  it("accepts La Poste's head office 35600000000048 and an establishment whose digit sum is a multiple of 5", () => {
    expect(validateActor(values({ siret: '356 000 000 00048' }), e)).toEqual({});
    expect(validateActor(values({ siret: '35600000049837' }), e)).toEqual({});
    expect(validateActor(values({ siret: '35600000010013' }), e)).toEqual({ siret: e.siretLuhn });
  });

  it('refuses 12345678900023: its SIREN part fails Luhn although the 14 digits pass', () => {
    expect(validateActor(values({ siret: '12345678900023' }), e)).toEqual({ siret: e.siretLuhn });
  });

  it('refuses a commune outside the chosen département, and the codes of Saint-Pierre-et-Miquelon (975 is not a département)', () => {
    expect(validateActor(values({ communeCode: '30189', authority: '30' }), e)).toEqual({});
    expect(validateActor(values({ communeCode: '30189', authority: '26' }), e)).toEqual({ communeCode: e.communeOutsideAuthority });
    expect(validateActor(values({ communeCode: '97502', authority: '' }), e)).toEqual({ communeCode: e.communeCodeFormat });
    expect(validateActor(values({ communeCode: '2a004', authority: '2A' }), e)).toEqual({});
  });

  it('checks RNA and NAF with the same rules as the server, whatever the case typed', () => {
    expect(validateActor(values({ rna: 'w302001234', nafCode: '88.99b' }), e)).toEqual({});
    expect(validateActor(values({ rna: 'W30200123', nafCode: '8899B' }), e)).toEqual({ rna: e.rnaFormat, nafCode: e.nafFormat });
  });
});
