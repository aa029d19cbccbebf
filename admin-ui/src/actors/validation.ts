// Client checks of the actor form with the registry's own rules (the kit's identifiers module, bundled as it is pure): a
// person learns of a typo before sending. The server checks again (also that a commune exists) and its BAD_USER_INPUT
// problems are shown on the same fields.
import {
  communeDepartmentProblem,
  communeFormatProblem,
  compactIdentifier,
  departmentProblem,
  nafProblem,
  postalCodeProblem,
  rnaProblem,
  sirenProblem,
  siretProblem,
} from '@ess/kit/identifiers';
import type { ActorsMessages } from './messages.fr';

/** Typed separators removed as the server does ("356 000 000 00048"). */
export const compactDigits = compactIdentifier;

export interface ActorFormValues {
  name: string;
  siret: string;
  siren: string;
  rna: string;
  legalFormCode: string;
  legalFamily: string;
  essMember: boolean;
  esusApprovedOn: string;
  inclusionType: string;
  nafCode: string;
  headcountBand: string;
  street: string;
  postalCode: string;
  communeCode: string;
  communeName: string;
  authority: string;
  website: string;
  description: string;
  sectors: string;
  status: string;
}

export type FieldName = keyof ActorFormValues;
export type FormErrors = Partial<Record<FieldName, string>>;

export function siretError(value: string, e: ActorsMessages['form']['errors']): string | undefined {
  const siret = compactDigits(value);
  if (!siret) return undefined;
  if (!/^\d{14}$/.test(siret)) return e.siretFormat;
  return siretProblem(siret) ? e.siretLuhn : undefined;
}

export function validateActor(values: ActorFormValues, e: ActorsMessages['form']['errors'], today = new Date().toISOString().slice(0, 10)): FormErrors {
  const errors: FormErrors = {};
  if (!values.name.trim()) errors.name = e.nameRequired;
  const siret = siretError(values.siret, e);
  if (siret) errors.siret = siret;
  const siren = compactDigits(values.siren);
  if (siren) {
    if (!/^\d{9}$/.test(siren)) errors.siren = e.sirenFormat;
    else if (sirenProblem(siren)) errors.siren = e.sirenLuhn;
    else if (!errors.siret && compactDigits(values.siret) && !compactDigits(values.siret).startsWith(siren)) errors.siret = e.siretSiren;
  }
  if (values.rna.trim() && rnaProblem(values.rna.trim().toUpperCase())) errors.rna = e.rnaFormat;
  if (values.legalFormCode.trim() && !/^\d{4}$/.test(values.legalFormCode.trim())) errors.legalFormCode = e.legalFormCodeFormat;
  if (values.nafCode.trim() && nafProblem(values.nafCode.trim().toUpperCase())) errors.nafCode = e.nafFormat;
  if (values.postalCode.trim() && postalCodeProblem(values.postalCode.trim())) errors.postalCode = e.postalCodeFormat;
  const commune = values.communeCode.trim().toUpperCase();
  if (commune && communeFormatProblem(commune)) errors.communeCode = e.communeCodeFormat;
  else if (commune && values.authority && !departmentProblem(values.authority) && communeDepartmentProblem(commune, values.authority)) {
    errors.communeCode = e.communeOutsideAuthority;
  }
  if (values.esusApprovedOn && values.esusApprovedOn > today) errors.esusApprovedOn = e.esusFuture;
  if (values.website.trim() && !/^https?:\/\/[^\s.]+\.[^\s]+$/i.test(values.website.trim())) errors.website = e.websiteFormat;
  if (!values.communeCode.trim() && !values.authority) errors.authority = e.placeRequired;
  return errors;
}
