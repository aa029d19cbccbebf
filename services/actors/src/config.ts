// The registry's own settings, read from the environment once; a bad value stops the start naming the variable.
import { EnvReader } from '@ess/kit';

export interface ActorsConfig {
  /** How long contacts of a ceased or archived actor are kept before retention anonymises them. */
  contactRetentionMonths: number;
}

export const DEFAULT_CONTACT_RETENTION_MONTHS = 36;

export function readActorsConfig(env: Record<string, string | undefined> = process.env): ActorsConfig {
  const reader = new EnvReader(env);
  const config: ActorsConfig = {
    contactRetentionMonths: reader.int('CONTACT_RETENTION_MONTHS', { default: DEFAULT_CONTACT_RETENTION_MONTHS, min: 1, max: 1200 }),
  };
  reader.done();
  return config;
}
