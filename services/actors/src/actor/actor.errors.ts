// Domain errors of the actor registry.
import { BadInputError, ConflictError, NotFoundError } from '@ess/kit';

export const actorNotFound = (id: string) => new NotFoundError('Actor', id);
export const actorConflict = (id: string, version?: number) => new ConflictError('Actor', id, version);
export const siretTaken = (siret: string, owner: string) => BadInputError.field('siret', `${siret} is already registered (${owner})`);

/** PostgreSQL unique violation on the SIRET index, raised when two writers race for the same SIRET. */
export function isSiretViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.code ?? e.driverError?.code;
  const constraint = e.constraint ?? e.driverError?.constraint;
  return code === '23505' && constraint === 'actor_siret_key';
}
