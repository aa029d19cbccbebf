// The official French identifiers (SIREN, SIRET, RNA, département and commune codes) as pure checks, one implementation
// for every subgraph and the admin SPA. Dependency-free on purpose: the SPA bundles this file (alias @ess/kit/identifiers).

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

/** The digit that completes `partial` so that it passes Luhn (test factories and demo data build SIRETs with it). */
export function withLuhnDigit(partial: string): string {
  for (let digit = 0; digit <= 9; digit++) if (luhnValid(partial + digit)) return partial + digit;
  throw new Error(`no Luhn digit completes ${partial}`);
}

/**
 * La Poste (SIREN 356000000) numbered its establishments before the Luhn rule: INSEE declares their SIRETs valid when
 * the sum of the 14 digits is a multiple of 5. The SIREN itself and the head office's SIRET follow Luhn.
 */
export const LA_POSTE_SIREN = '356000000';
export const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

export function sirenProblem(siren: string): string | null {
  if (!/^\d{9}$/.test(siren)) return 'must be 9 digits';
  if (!luhnValid(siren)) return 'fails the Luhn check (typo?)';
  return null;
}

export function siretProblem(siret: string): string | null {
  if (!/^\d{14}$/.test(siret)) return 'must be 14 digits (SIREN + 5-digit NIC)';
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== LA_POSTE_HEAD_OFFICE_SIRET) {
    return digitSum(siret) % 5 === 0 ? null : 'is not a valid La Poste SIRET (digit sum must be a multiple of 5)';
  }
  // A SIRET whose 14 digits pass Luhn while its SIREN does not (12345678900023) is still a typo.
  if (!luhnValid(siret.slice(0, 9))) return 'its SIREN part fails the Luhn check (typo?)';
  if (!luhnValid(siret)) return 'fails the Luhn check (typo?)';
  return null;
}

/** RNA number of an association (Répertoire national des associations): W and 9 digits. */
export const RNA = /^W\d{9}$/;
export const RNA_MESSAGE = 'must be W followed by 9 digits';

export function rnaProblem(rna: string): string | null {
  return RNA.test(rna) ? null : RNA_MESSAGE;
}

/**
 * The 101 départements' INSEE codes: 01–19, 21–95 (20 became 2A and 2B in 1976) and the five overseas départements
 * 971–974 and 976. 975 (Saint-Pierre-et-Miquelon) and 977–989 are overseas collectivities, not départements.
 * The kit's tests check this list against the official one (@etalab/decoupage-administratif).
 */
export const DEPARTMENT_CODE = /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-46])$/;
/** The same rule for PostgreSQL CHECK constraints and queries (POSIX regular expression, no \d). */
export const DEPARTMENT_CODE_SQL = '^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-46])$';
export const DEPARTMENT_MESSAGE = 'must be a département INSEE code like 30, 2A or 974';

export function departmentProblem(code: string): string | null {
  return DEPARTMENT_CODE.test(code) ? null : DEPARTMENT_MESSAGE;
}

/** The département a commune code is in: its first 2 characters, 3 overseas (97x). */
export function departmentOfCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * The shape of an INSEE commune code (COG): 5 characters starting with a département's code. Whether the commune
 * exists is checked on the server against the official list (communeProblem in the kit's communes module).
 */
export function communeFormatProblem(code: string): string | null {
  const shaped = /^(\d{2}|2[AB])\d{3}$/.test(code) && !departmentProblem(departmentOfCommune(code));
  return shaped ? null : 'must be a 5-character INSEE commune code like 30189';
}

/** A commune filed under a département must be in it (Nîmes, 30189, is not in the Drôme, 26). */
export function communeDepartmentProblem(commune: string, department: string): string | null {
  const own = departmentOfCommune(commune);
  return own === department ? null : `is a commune of département ${own}, not of ${department}`;
}

export function nafProblem(naf: string): string | null {
  return /^\d{2}\.\d{2}[A-Z]$/.test(naf) ? null : 'must be a NAF code like 88.99B';
}

export function postalCodeProblem(code: string): string | null {
  return /^\d{5}$/.test(code) ? null : 'must be 5 digits';
}

/**
 * Removes the spaces (also non-breaking) and dots people type inside identifiers ("356 000 000 00048"). Dashes stay:
 * in a VAT number ("FR-12") they are a typing error to report, not a separator.
 */
export function compactIdentifier(value: string): string {
  return value.replace(/[\s.]/g, '');
}
