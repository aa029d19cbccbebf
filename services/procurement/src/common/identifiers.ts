// Code and date checks of the procurement data (CPV, VAT, days), shared by the mutations and the DECP import.

// SIRET, SIREN and département rules are the kit's, the same in every subgraph and the SPA.
export { compactIdentifier, DEPARTMENT_CODE, DEPARTMENT_CODE_SQL, departmentProblem, siretProblem } from '@ess/kit';

/** CPV code as the DECP accepts it: 8 digits, optionally a dash and the check digit. */
export const CPV_CODE = /^[0-9]{8}(-[0-9])?$/;

/** EU VAT number: country prefix then 2 to 13 letters or digits. */
export const VAT_NUMBER = /^[A-Z]{2}[0-9A-Z]{2,13}$/;

/** Whether a YYYY-MM-DD string is a real calendar day (the kit's rule, under the name the DECP code uses). */
export { isRealDate as isCalendarDate, ISO_DATE, today as todayIso } from '@ess/kit';

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
