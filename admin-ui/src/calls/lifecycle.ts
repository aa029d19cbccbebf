// The call's lifecycle as the API defines it (commons call.service.ts): one step at a time, each step with its
// preconditions. The screen offers the next step only when these hold, and says which one is missing otherwise; the
// server checks again (a refusal then comes back as BAD_USER_INPUT on `status`, shown by its code).
import type { SchemaType } from '../graphql/tada';
import type { CallData } from './calls.query';

export type CallStatus = SchemaType<'CallStatus'>;

export const CALL_LIFECYCLE: readonly CallStatus[] = ['DRAFT', 'CO_CONSTRUCTION', 'OPEN', 'CLOSED', 'UNDER_REVIEW', 'DECIDED', 'FOLLOW_UP'];

/** Why the next step cannot be taken yet, as a code the catalogue words (with its figures). */
export type Blocker =
  | { code: 'END' }
  | { code: 'NO_CHALLENGE' }
  | { code: 'RULES_MISSING'; fields: string[] }
  | { code: 'NOT_YET_OPEN'; on: string }
  | { code: 'ALREADY_CLOSED'; on: string }
  | { code: 'STILL_OPEN'; until: string }
  | { code: 'UNSCREENED'; count: number }
  | { code: 'NO_JUROR' }
  | { code: 'UNDECIDED'; count: number };

export function nextStatus(status: CallStatus): CallStatus | null {
  return CALL_LIFECYCLE[CALL_LIFECYCLE.indexOf(status) + 1] ?? null;
}

/** Today in the calendar the server uses for the call's dates (YYYY-MM-DD, UTC). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** What stops `call` moving to its next status, or null when the step is allowed. */
export function nextStepBlocker(call: CallData, day = today()): Blocker | null {
  const next = nextStatus(call.status);
  const applications = call.applications.nodes;
  switch (next) {
    case null:
      return { code: 'END' };
    case 'CO_CONSTRUCTION':
      return call.challenges.length ? null : { code: 'NO_CHALLENGE' };
    case 'OPEN': {
      const fields = [
        !call.opensOn && 'opensOn',
        !call.closesOn && 'closesOn',
        call.budgetEnvelope == null && 'budgetEnvelope',
        !call.acceptedLicences.length && 'acceptedLicences',
        !call.supportKinds.length && 'supportKinds',
        !call.criteria.length && 'criteria',
      ].filter((field): field is string => !!field);
      if (fields.length) return { code: 'RULES_MISSING', fields };
      if (day < call.opensOn!) return { code: 'NOT_YET_OPEN', on: call.opensOn! };
      if (day > call.closesOn!) return { code: 'ALREADY_CLOSED', on: call.closesOn! };
      return null;
    }
    case 'CLOSED':
      return call.closesOn && day <= call.closesOn ? { code: 'STILL_OPEN', until: call.closesOn } : null;
    case 'UNDER_REVIEW': {
      const unscreened = applications.filter((application) => application.status === 'SUBMITTED').length;
      if (unscreened) return { code: 'UNSCREENED', count: unscreened };
      return call.jury?.length ? null : { code: 'NO_JUROR' };
    }
    case 'DECIDED': {
      const undecided = applications.filter((application) => application.status === 'UNDER_REVIEW').length;
      return undecided ? { code: 'UNDECIDED', count: undecided } : null;
    }
    default:
      return null;
  }
}

/** The envelope, the money granted by the call's decisions and what is left (null without an envelope). */
export function envelopeOf(call: CallData): { envelope: number | null; granted: number; remaining: number | null } {
  const granted = call.metrics.supportGranted.find((support) => support.kind === 'MONEY')?.amount ?? 0;
  const envelope = call.budgetEnvelope ?? null;
  // Cents as integers, as the server compares them.
  return { envelope, granted, remaining: envelope == null ? null : (Math.round(envelope * 100) - Math.round(granted * 100)) / 100 };
}
