// The registry's rules for an actor's fields, shared by the mutations and the SIRENE import so both say the same.
import type { FieldProblem } from '@ess/kit';
import { ActorStatus, EssStatus, headcountProblem, InclusionType, legalFormCodeProblem, resolveFamily, type HeadcountBand, type LegalFamily } from '../identifiers/codes';
import {
  communeFormatProblem,
  communeProblem,
  compactIdentifier,
  departmentOfCommune,
  departmentProblem,
  nafProblem,
  postalCodeProblem,
  rnaProblem,
  sirenProblem,
  siretProblem,
} from '@ess/kit';

/** The stored fields of an actor, as the rules see them (column names of the entity). */
export interface ActorValues {
  name: string;
  legalFormCode: string | null;
  legalFamily: LegalFamily;
  siren: string | null;
  siret: string | null;
  rna: string | null;
  essStatus: EssStatus;
  esusApprovedOn: string | null;
  inclusionType: InclusionType;
  nafCode: string | null;
  headcountBand: HeadcountBand | null;
  street: string | null;
  postalCode: string | null;
  communeCode: string | null;
  communeName: string | null;
  authorityCode: string;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  description: string | null;
  sectors: string[];
  status: ActorStatus;
}

/** What a caller sends: any subset, with `legalFamily` as a request and `authority` for the authority code. */
export type ActorChanges = Partial<Omit<ActorValues, 'legalFamily' | 'authorityCode' | 'headcountBand'>> & {
  /** The form's checkbox: true is ESS, false NOT_ESS (essStatus says it in full, with UNKNOWN). */
  essMember?: boolean;
  legalFamily?: LegalFamily | null;
  authority?: string;
  headcountBand?: string | null;
};

function emptyToNull(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Applies changes to the current values (or to nothing, for a new actor), normalises identifiers and returns the
 * result with every problem found, each naming its field.
 */
export function applyActorChanges(current: ActorValues | null, changes: ActorChanges): { values: ActorValues; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const pick = <K extends keyof ActorValues>(key: K, value: ActorValues[K] | undefined, fallback: ActorValues[K]): ActorValues[K] =>
    value === undefined ? (current ? current[key] : fallback) : value;

  const name = changes.name === undefined ? current?.name : changes.name?.trim();
  if (!name) problems.push({ field: 'name', message: 'is required' });

  const siretInput = emptyToNull(changes.siret === undefined ? undefined : changes.siret);
  const siret = pick('siret', siretInput === undefined ? undefined : siretInput && compactIdentifier(siretInput), null);
  const sirenInput = emptyToNull(changes.siren === undefined ? undefined : changes.siren);
  let siren = pick('siren', sirenInput === undefined ? undefined : sirenInput && compactIdentifier(sirenInput), null);
  if (siret) {
    const problem = siretProblem(siret);
    if (problem) problems.push({ field: 'siret', message: problem });
    if (!siren && !problem) siren = siret.slice(0, 9);
  }
  if (siren) {
    const problem = sirenProblem(siren);
    if (problem) problems.push({ field: 'siren', message: problem });
    else if (siret && /^\d{14}$/.test(siret) && !siret.startsWith(siren)) problems.push({ field: 'siret', message: `does not belong to SIREN ${siren}` });
  }

  const rna = pick('rna', emptyToNull(changes.rna)?.toUpperCase(), null);
  if (rna) {
    const problem = rnaProblem(rna);
    if (problem) problems.push({ field: 'rna', message: problem });
  }

  const legalFormCode = pick('legalFormCode', emptyToNull(changes.legalFormCode), null);
  if (legalFormCode) {
    const problem = legalFormCodeProblem(legalFormCode);
    if (problem) problems.push({ field: 'legalFormCode', message: problem });
  }
  const fromCheckbox = changes.essMember === undefined ? undefined : changes.essMember ? EssStatus.ESS : EssStatus.NOT_ESS;
  if (fromCheckbox && changes.essStatus && fromCheckbox !== changes.essStatus) {
    problems.push({ field: 'essStatus', message: `says ${changes.essStatus} while essMember says ${changes.essMember}` });
  }
  // Nothing said means unknown, and unknown is not ESS.
  const essStatus = pick('essStatus', changes.essStatus ?? fromCheckbox, EssStatus.UNKNOWN);
  const essMember = essStatus === EssStatus.ESS;
  let requestedFamily = changes.legalFamily;
  if (requestedFamily === undefined && current) {
    // A family a person chose (a SAS declared as a SCIC) stays while the code does, even when the code is sent again
    // (a SIRENE import); one that the code and the ESS flag imply is worked out again; without a code, the known one stays.
    const chosen = current.legalFamily !== resolveFamily(current.legalFormCode, current.essStatus === EssStatus.ESS).family;
    if (!legalFormCode || (legalFormCode === current.legalFormCode && chosen)) requestedFamily = current.legalFamily;
  }
  const family = resolveFamily(legalFormCode, essMember, requestedFamily);
  if (family.problem) problems.push({ field: 'legalFamily', message: family.problem });

  const esusApprovedOn = pick('esusApprovedOn', emptyToNull(changes.esusApprovedOn), null);
  if (esusApprovedOn) {
    if (!isRealDate(esusApprovedOn)) problems.push({ field: 'esusApprovedOn', message: 'is not a real date' });
    else if (esusApprovedOn > new Date().toISOString().slice(0, 10)) problems.push({ field: 'esusApprovedOn', message: 'cannot be in the future' });
  }

  const nafCode = pick('nafCode', emptyToNull(changes.nafCode)?.toUpperCase(), null);
  if (nafCode) {
    const problem = nafProblem(nafCode);
    if (problem) problems.push({ field: 'nafCode', message: problem });
  }

  const headcountBand = pick('headcountBand', emptyToNull(changes.headcountBand) as HeadcountBand | null | undefined, null);
  if (headcountBand) {
    const problem = headcountProblem(headcountBand);
    if (problem) problems.push({ field: 'headcountBand', message: problem });
  }

  const communeCode = pick('communeCode', emptyToNull(changes.communeCode)?.toUpperCase(), null);
  const communeShape = communeCode ? communeFormatProblem(communeCode) : null;
  const authorityInput = changes.authority?.trim() || current?.authorityCode || (communeCode && !communeShape ? departmentOfCommune(communeCode) : '');
  const authorityCode = authorityInput.toUpperCase();
  const authorityProblem = authorityCode ? departmentProblem(authorityCode) : 'is required when no commune code is given';
  if (communeCode) {
    // The commune must exist in the official list and lie in the département the actor is filed under.
    const problem = communeShape ?? communeProblem(communeCode, authorityProblem ? null : authorityCode);
    if (problem) problems.push({ field: 'communeCode', message: problem });
  }
  const postalCode = pick('postalCode', emptyToNull(changes.postalCode), null);
  if (postalCode) {
    const problem = postalCodeProblem(postalCode);
    if (problem) problems.push({ field: 'postalCode', message: problem });
  }
  if (authorityProblem) problems.push({ field: 'authority', message: authorityProblem });

  const latitude = pick('latitude', changes.latitude, null);
  const longitude = pick('longitude', changes.longitude, null);
  if ((latitude == null) !== (longitude == null)) problems.push({ field: latitude == null ? 'latitude' : 'longitude', message: 'latitude and longitude go together' });

  const sectors = changes.sectors === undefined ? (current?.sectors ?? []) : [...new Set(changes.sectors.map((s) => s.trim().toLowerCase()).filter(Boolean))];

  const values: ActorValues = {
    name: name ?? '',
    legalFormCode,
    legalFamily: family.family,
    siren,
    siret,
    rna,
    essStatus,
    esusApprovedOn,
    inclusionType: pick('inclusionType', changes.inclusionType, InclusionType.NONE),
    nafCode,
    headcountBand,
    street: pick('street', emptyToNull(changes.street), null),
    postalCode,
    communeCode,
    communeName: pick('communeName', emptyToNull(changes.communeName), null),
    authorityCode,
    latitude,
    longitude,
    website: pick('website', emptyToNull(changes.website), null),
    description: pick('description', emptyToNull(changes.description), null),
    sectors,
    status: pick('status', changes.status, ActorStatus.ACTIVE),
  };
  return { values, problems };
}

export const ACTOR_VALUE_KEYS: Array<keyof ActorValues> = [
  'name', 'legalFormCode', 'legalFamily', 'siren', 'siret', 'rna', 'essStatus', 'esusApprovedOn', 'inclusionType', 'nafCode',
  'headcountBand', 'street', 'postalCode', 'communeCode', 'communeName', 'authorityCode', 'latitude', 'longitude', 'website',
  'description', 'sectors', 'status',
];

export function valuesOf(actor: ActorValues): ActorValues {
  const values = {} as Record<string, unknown>;
  for (const key of ACTOR_VALUE_KEYS) values[key] = actor[key];
  return values as unknown as ActorValues;
}
