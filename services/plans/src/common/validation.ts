// Shape rules shared by the inputs (class-validator); business rules live in the services.
export const ISO_DATE_RULE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = { message: 'must be a date like 2024-03-08' };
export const AUTHORITY_CODE = /^(0[1-9]|1[0-9]|2[1-9]|2A|2B|[3-8][0-9]|9[0-5]|97[1-6])$/;
export const AUTHORITY_MESSAGE = { message: 'must be a département INSEE code like 30 or 07' };
export const KIND_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
export const MAX_AMOUNT = 1_000_000_000_000;
