// Shape rules shared by the inputs (class-validator); business rules (amounts and their ceiling) live in the services.
import { DEPARTMENT_CODE, DEPARTMENT_MESSAGE } from '@ess/kit';

export const ISO_DATE_RULE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = { message: 'must be a date like 2024-03-08' };
/** A département's code: the kit's rule (975 is not one). */
export const AUTHORITY_CODE = DEPARTMENT_CODE;
export const AUTHORITY_MESSAGE = { message: DEPARTMENT_MESSAGE };
export const KIND_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
