// Identifier and date checks of the procurement data, as pure functions shared by the mutations and the DECP import.

/** Luhn check used by INSEE for SIREN and SIRET. */
function luhnValid(digits: string): boolean {
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

/** La Poste's establishments do not follow Luhn: their SIRETs are valid when the sum of the digits is a multiple of 5. */
const LA_POSTE_SIREN = '356000000';

export function siretProblem(siret: string): string | null {
  if (!/^\d{14}$/.test(siret)) return 'must be 14 digits (SIREN + 5-digit NIC)';
  if (siret.startsWith(LA_POSTE_SIREN)) {
    const sum = [...siret].reduce((total, c) => total + Number(c), 0);
    return sum % 5 === 0 ? null : 'is not a valid La Poste SIRET (digit sum must be a multiple of 5)';
  }
  if (!luhnValid(siret.slice(0, 9))) return 'its SIREN part fails the Luhn check (typo?)';
  if (!luhnValid(siret)) return 'fails the Luhn check (typo?)';
  return null;
}

/** Removes the spaces and dots people type in identifiers ("356 000 000 00048"). */
export function compactIdentifier(value: string): string {
  return value.replace(/[\s.\u00a0\u202f]/g, '');
}

/** INSEE département codes: 01–95 without 20 (Corsica is 2A and 2B), overseas 971–976. */
export const DEPARTMENT_CODE = /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$/;
export const DEPARTMENT_CODE_SQL = '^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$';

export function departmentProblem(code: string): string | null {
  return DEPARTMENT_CODE.test(code) ? null : 'must be a département INSEE code like 30 or 07';
}

/** CPV code as the DECP accepts it: 8 digits, optionally a dash and the check digit. */
export const CPV_CODE = /^[0-9]{8}(-[0-9])?$/;

/** EU VAT number: country prefix then 2 to 13 letters or digits. */
export const VAT_NUMBER = /^[A-Z]{2}[0-9A-Z]{2,13}$/;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a YYYY-MM-DD string is a real calendar day. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
