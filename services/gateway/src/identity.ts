// Who is calling the gateway. Sessions and API keys come with the identity issue; until then every caller is anonymous.
import { ANONYMOUS, type Identity } from '@ess/kit';

export function identify(_request: Request): Identity {
  return ANONYMOUS;
}
