// Shape rules shared by the inputs (class-validator); business rules (amounts and their ceiling) live in the services.
import { DEPARTMENT_CODE, DEPARTMENT_MESSAGE } from '@ess/kit';

export const ISO_DATE_RULE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = { message: 'must be a date like 2025-03-07' };
/** A département's code: the kit's rule (975 is not one). */
export const AUTHORITY_CODE = DEPARTMENT_CODE;
export const AUTHORITY_MESSAGE = { message: DEPARTMENT_MESSAGE };
/** An SPDX licence identifier (or expression without spaces): letters, digits, dots, plus and hyphens. */
export const SPDX_RULE = /^[A-Za-z0-9.+-]{2,64}$/;
export const SPDX_MESSAGE = { message: 'must be an SPDX licence identifier like CC-BY-SA-4.0' };
export const EPCI_CODE = /^[0-9]{9}$/;
export const URL_RULE = /^https?:\/\/\S+$/;
