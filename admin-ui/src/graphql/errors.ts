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
