// Who may write a record: staff (editors, admins) of the call's authority; the system always.
import { canWrite, ForbiddenError, type RequestContext } from '@ess/kit';

export function assertCanWrite(context: Pick<RequestContext, 'identity'>, authority: string): void {
  if (!canWrite(context.identity, authority)) throw new ForbiddenError(`You cannot change records of authority ${authority}`);
}
