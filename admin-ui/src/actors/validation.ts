// Client checks of the actor form, the same rules as the registry's (services/actors identifiers): a person learns of
// a typo before sending. The server checks again and its BAD_USER_INPUT problems are shown on the same fields.
import type { ActorsMessages } from './messages.fr';

export const LA_POSTE_SIREN = '356000000';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const compactDigits = (value: string) => value.replace(/[\s.\-_]/g, '');

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
  if (siret.startsWith(LA_POSTE_SIREN)) return [...siret].reduce((sum, c) => sum + Number(c), 0) % 5 === 0 ? undefined : e.siretLuhn;
  if (!luhnValid(siret.slice(0, 9)) || !luhnValid(siret)) return e.siretLuhn;
  return undefined;
}

export function validateActor(values: ActorFormValues, e: ActorsMessages['form']['errors'], today = new Date().toISOString().slice(0, 10)): FormErrors {
  const errors: FormErrors = {};
  if (!values.name.trim()) errors.name = e.nameRequired;
  const siret = siretError(values.siret, e);
  if (siret) errors.siret = siret;
  const siren = compactDigits(values.siren);
  if (siren) {
    if (!/^\d{9}$/.test(siren)) errors.siren = e.sirenFormat;
    else if (siren !== LA_POSTE_SIREN && !luhnValid(siren)) errors.siren = e.sirenLuhn;
    else if (!errors.siret && compactDigits(values.siret) && !compactDigits(values.siret).startsWith(siren)) errors.siret = e.siretSiren;
  }
  if (values.rna.trim() && !/^W\d{9}$/i.test(values.rna.trim())) errors.rna = e.rnaFormat;
  if (values.legalFormCode.trim() && !/^\d{4}$/.test(values.legalFormCode.trim())) errors.legalFormCode = e.legalFormCodeFormat;
  if (values.nafCode.trim() && !/^\d{2}\.\d{2}[A-Z]$/i.test(values.nafCode.trim())) errors.nafCode = e.nafFormat;
  if (values.postalCode.trim() && !/^\d{5}$/.test(values.postalCode.trim())) errors.postalCode = e.postalCodeFormat;
  if (values.communeCode.trim() && !/^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])\d{3}$|^97[1-6]\d{2}$/i.test(values.communeCode.trim())) errors.communeCode = e.communeCodeFormat;
  if (values.esusApprovedOn && values.esusApprovedOn > today) errors.esusApprovedOn = e.esusFuture;
  if (values.website.trim() && !/^https?:\/\/[^\s.]+\.[^\s]+$/i.test(values.website.trim())) errors.website = e.websiteFormat;
  if (!values.communeCode.trim() && !values.authority) errors.authority = e.placeRequired;
  return errors;
}
