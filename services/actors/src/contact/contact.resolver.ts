// Contact mutations (contacts are read through Actor.contacts).
import { IDEMPOTENCY_KEY_DESCRIPTION, Role, type RequestContext } from '@ess/kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Loaders } from '../loaders';
import { Contact } from './contact.entity';
import type { ContactService } from './contact.service';
import { ContactInput } from './dto/contact.input';

type Context = RequestContext<Loaders>;

@Resolver(() => Contact)
export class ContactResolver {
  constructor(private readonly contacts: ContactService) {}

  @Authorized(Role.Editor)
  @Mutation(() => Contact)
  createContact(
    @Ctx() context: Context,
    @Arg('actorId', () => ID) actorId: string,
    @Arg('input', () => ContactInput) input: ContactInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null,
  ): Promise<Contact> {
    return this.contacts.create(context, actorId, input, idempotencyKey);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Contact)
  updateContact(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ContactInput) input: ContactInput,
  ): Promise<Contact> {
    return this.contacts.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => ID, { description: 'Deletes a contact; returns its id.' })
  deleteContact(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<string> {
    return this.contacts.delete(context, id, version);
  }
}
