// Code lists of the registry: legal families from INSEE legal-form codes, headcount bands, inclusion structures.
import { registerEnumType } from 'type-graphql';

export enum LegalFamily {
  ASSOCIATION = 'ASSOCIATION',
  COOPERATIVE = 'COOPERATIVE',
  MUTUAL = 'MUTUAL',
  FOUNDATION = 'FOUNDATION',
  ESS_COMPANY = 'ESS_COMPANY',
  OTHER = 'OTHER',
}
registerEnumType(LegalFamily, {
  name: 'LegalFamily',
  description: 'Readable family of a legal form: association, cooperative, mutual, foundation, commercial company of the ESS, other.',
});

/** Labels of the INSEE legal-form codes (catégorie juridique, niveau III) the ESS uses most. */
export const LEGAL_FORM_LABELS: Record<string, string> = {
  '9210': 'Association non déclarée',
  '9220': 'Association déclarée',
  '9221': "Association déclarée d'insertion par l'économique",
  '9222': 'Association intermédiaire',
  '9223': "Groupement d'employeurs",
  '9230': "Association déclarée reconnue d'utilité publique",
  '9260': 'Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)',
  '9300': 'Fondation',
  '8210': 'Mutuelle',
  '8250': 'Assurance mutuelle agricole',
  '8290': 'Autre organisme mutualiste',
  '6411': "Société d'assurance à forme mutuelle",
  '5458': 'SARL coopérative ouvrière de production (SCOP)',
  '5558': "SA coopérative ouvrière de production (SCOP) à conseil d'administration",
  '5658': 'SA coopérative ouvrière de production (SCOP) à directoire',
  '5460': 'Autre SARL coopérative',
  '5560': "Autre SA coopérative à conseil d'administration",
  '5660': 'Autre SA coopérative à directoire',
  '6317': 'Société coopérative agricole',
  '6316': "Coopérative d'utilisation de matériel agricole en commun (CUMA)",
  '5499': 'Société à responsabilité limitée (sans autre indication)',
  '5599': "SA à conseil d'administration (s.a.i.)",
  '5710': 'SAS, société par actions simplifiée',
  '5720': 'Société par actions simplifiée à associé unique',
  '7210': 'Commune et commune nouvelle',
  '7220': 'Département',
};

const ASSOCIATIONS = new Set(['9210', '9220', '9221', '9222', '9223', '9230', '9260']);
const MUTUALS = new Set(['8210', '8250', '8290', '6411']);
const COOPERATIVES = new Set(['5458', '5558', '5658', '5460', '5560', '5660', '6317', '6316']);

export function legalFormCodeProblem(code: string): string | null {
  return /^[1-9]\d{3}$/.test(code) ? null : 'must be a 4-digit INSEE legal-form code like 9220';
}

/** Commercial companies (SARL, SA, SAS…): the family then depends on the ESS flag, and a SCIC is one of them. */
export function isCommercialCompany(code: string): boolean {
  return /^5[4-7]/.test(code) && !COOPERATIVES.has(code);
}

/** The family a legal-form code implies, or null when the code alone cannot tell (commercial companies). */
export function familyOfCode(code: string): LegalFamily | null {
  if (ASSOCIATIONS.has(code) || code.startsWith('92')) return LegalFamily.ASSOCIATION;
  if (code === '9300') return LegalFamily.FOUNDATION;
  if (MUTUALS.has(code)) return LegalFamily.MUTUAL;
  if (COOPERATIVES.has(code)) return LegalFamily.COOPERATIVE;
  return null;
}

/**
 * The family of an actor: fixed by its code when the code says it; for a commercial company, the caller may say
 * COOPERATIVE (a SCIC) or ESS_COMPANY, and otherwise the ESS flag decides.
 */
export function resolveFamily(code: string | null, essMember: boolean, requested?: LegalFamily | null): { family: LegalFamily; problem?: string } {
  const implied = code ? familyOfCode(code) : null;
  if (implied) {
    if (requested && requested !== implied) return { family: implied, problem: `legal form ${code} is a ${implied.toLowerCase()}, not ${requested.toLowerCase()}` };
    return { family: implied };
  }
  if (requested) {
    if (code && isCommercialCompany(code) && ![LegalFamily.COOPERATIVE, LegalFamily.ESS_COMPANY, LegalFamily.OTHER].includes(requested)) {
      return { family: LegalFamily.OTHER, problem: `legal form ${code} is a commercial company: its family can be COOPERATIVE (SCIC), ESS_COMPANY or OTHER` };
    }
    return { family: requested };
  }
  if (code && isCommercialCompany(code) && essMember) return { family: LegalFamily.ESS_COMPANY };
  return { family: LegalFamily.OTHER };
}

export enum HeadcountBand {
  NN = 'NN',
  B00 = '00',
  B01 = '01',
  B02 = '02',
  B03 = '03',
  B11 = '11',
  B12 = '12',
  B21 = '21',
  B22 = '22',
  B31 = '31',
  B32 = '32',
  B41 = '41',
  B42 = '42',
  B51 = '51',
  B52 = '52',
  B53 = '53',
}

export const HEADCOUNT_LABELS: Record<string, string> = {
  NN: 'Non employeuse',
  '00': '0 salarié',
  '01': '1 ou 2 salariés',
  '02': '3 à 5 salariés',
  '03': '6 à 9 salariés',
  '11': '10 à 19 salariés',
  '12': '20 à 49 salariés',
  '21': '50 à 99 salariés',
  '22': '100 à 199 salariés',
  '31': '200 à 249 salariés',
  '32': '250 à 499 salariés',
  '41': '500 à 999 salariés',
  '42': '1 000 à 1 999 salariés',
  '51': '2 000 à 4 999 salariés',
  '52': '5 000 à 9 999 salariés',
  '53': '10 000 salariés et plus',
};

export function headcountProblem(code: string): string | null {
  return code in HEADCOUNT_LABELS ? null : `must be one of the INSEE headcount bands (${Object.keys(HEADCOUNT_LABELS).join(', ')})`;
}

export enum InclusionType {
  NONE = 'NONE',
  EI = 'EI',
  AI = 'AI',
  ACI = 'ACI',
  ETTI = 'ETTI',
  EITI = 'EITI',
  EA = 'EA',
  ESAT = 'ESAT',
  GEIQ = 'GEIQ',
}
registerEnumType(InclusionType, {
  name: 'InclusionType',
  description: 'Inclusion structure eligible for reserved contracts: SIAE kinds (EI, AI, ACI, ETTI, EITI), EA, ESAT, GEIQ, or none.',
});

/**
 * ESS status as INSEE's SIRENE states it (economieSocialeSolidaireUniteLegale): O, N, or nothing. Unknown is not ESS:
 * a département, communes or a CCAS carry no flag and must not count in the share of spend awarded to the ESS.
 */
export enum EssStatus {
  ESS = 'ESS',
  NOT_ESS = 'NOT_ESS',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(EssStatus, {
  name: 'EssStatus',
  description: 'ESS status: ESS (SIRENE flag O, or stated by staff), NOT_ESS (flag N), UNKNOWN (no flag: not counted as ESS).',
});

export enum ActorStatus {
  ACTIVE = 'ACTIVE',
  CEASED = 'CEASED',
}
registerEnumType(ActorStatus, { name: 'ActorStatus', description: 'INSEE administrative state: active (A) or ceased (C).' });

/** ESUS approval (agrément entreprise solidaire d'utilité sociale) lasts 5 years. */
export const ESUS_YEARS = 5;
