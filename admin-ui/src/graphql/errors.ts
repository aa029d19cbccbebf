// Reduces a failed request to a code users can quote to support; messages from the server are never shown.
import type { CombinedError } from 'urql';

export function errorCode(error: CombinedError): string {
  for (const graphQLError of error.graphQLErrors) {
    const code = graphQLError.extensions?.code;
    if (typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code)) return code;
  }
  if (error.networkError) return 'NETWORK_ERROR';
  return 'UNKNOWN_ERROR';
}

export interface FieldProblem {
  /** Path of the field in the input, as the server names it (`siret`, `rows.3.siret`). */
  field: string;
  message: string;
}

/** The server's BAD_USER_INPUT problems, by field, to show each beside its form field. */
export function fieldProblems(error: CombinedError | undefined): FieldProblem[] {
  if (!error) return [];
  const problems: FieldProblem[] = [];
  for (const graphQLError of error.graphQLErrors) {
    if (graphQLError.extensions?.code !== 'BAD_USER_INPUT') continue;
    const fields = graphQLError.extensions.fields;
    if (Array.isArray(fields)) {
      for (const problem of fields as Array<{ field?: unknown; message?: unknown }>) {
        if (typeof problem.field === 'string' && typeof problem.message === 'string') problems.push({ field: problem.field, message: problem.message });
      }
    } else if (typeof graphQLError.extensions.field === 'string') {
      problems.push({ field: graphQLError.extensions.field, message: graphQLError.message });
    }
  }
  return problems;
}

/** Someone else saved the record first (the version sent is no longer the stored one). */
export function isConflict(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((graphQLError) => graphQLError.extensions?.code === 'CONFLICT');
}
