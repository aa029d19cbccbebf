// Official French identifiers and codes of the actor registry (INSEE SIRENE, RNA, NAF, COG), as pure checks.

/** Luhn check used by INSEE for SIREN and SIRET. */
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

/** La Poste's establishments do not follow Luhn: their SIRETs are valid when the sum of the digits is a multiple of 5. */
export const LA_POSTE_SIREN = '356000000';

export function sirenProblem(siren: string): string | null {
  if (!/^\d{9}$/.test(siren)) return 'must be 9 digits';
  if (siren !== LA_POSTE_SIREN && !luhnValid(siren)) return 'fails the Luhn check (typo?)';
  return null;
}

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

export function rnaProblem(rna: string): string | null {
  return /^W\d{9}$/.test(rna) ? null : 'must be W followed by 9 digits';
}

export function nafProblem(naf: string): string | null {
  return /^\d{2}\.\d{2}[A-Z]$/.test(naf) ? null : 'must be a NAF code like 88.99B';
}

/** INSEE département codes: 01–95 without 20 (Corsica is 2A and 2B since 1976), overseas 971–976. */
export const DEPARTMENT_CODE = /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$/;

/** INSEE commune code (COG): 5 characters, the département's code first (Corsica 2A/2B, overseas 97x). */
export function communeProblem(code: string): string | null {
  return /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])\d{3}$|^97[1-6]\d{2}$/.test(code) ? null : 'must be a 5-character INSEE commune code like 30189';
}

export function departmentOfCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

export function departmentProblem(code: string): string | null {
  return DEPARTMENT_CODE.test(code) ? null : 'must be a département INSEE code like 30 or 07';
}

export function postalCodeProblem(code: string): string | null {
  return /^\d{5}$/.test(code) ? null : 'must be 5 digits';
}

/** Normalises identifiers typed with spaces or dots (e.g. "356 000 000 00048"). */
export function compactDigits(value: string): string {
  return value.replace(/[\s.\-_]/g, '');
}
