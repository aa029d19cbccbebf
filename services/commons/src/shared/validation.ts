// Shape rules shared by the inputs (class-validator); business rules live in the services.
export const ISO_DATE_RULE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = { message: 'must be a date like 2025-03-07' };
export const AUTHORITY_CODE = /^(0[1-9]|1[0-9]|2[1-9]|2A|2B|[3-8][0-9]|9[0-5]|97[1-6])$/;
export const AUTHORITY_MESSAGE = { message: 'must be a département INSEE code like 30 or 07' };
/** An SPDX licence identifier (or expression without spaces): letters, digits, dots, plus and hyphens. */
export const SPDX_RULE = /^[A-Za-z0-9.+-]{2,64}$/;
export const SPDX_MESSAGE = { message: 'must be an SPDX licence identifier like CC-BY-SA-4.0' };
export const COMMUNE_CODE = /^([0-9]{2}|2A|2B)[0-9]{3}$/;
export const EPCI_CODE = /^[0-9]{9}$/;
export const MAX_AMOUNT = 1_000_000_000_000;
export const URL_RULE = /^https?:\/\/\S+$/;
