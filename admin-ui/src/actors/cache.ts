// How the actors screens' mutations update the normalized cache (see graphql/cache.ts). Edits need nothing: their
// results carry the actor's id and version, so every screen showing it follows. A creation, an archive, a restore or
// an import changes which actors a list holds: the lists are asked again. Contacts: an edit comes back with the
// contact's id and version and shows in place; a creation, a deletion or an erasure (ErasedContact is another type)
// changes the actor's list of contacts, which is forgotten so that the actor's page asks for it again.
import type { Cache, DataFields } from '@urql/exchange-graphcache';
import { invalidateFields, invalidateRootLists, type CacheConfig } from '../graphql/cache';

/** Forgets the given fields of one entity (with every argument set they were asked with). */
function contactsChanged(cache: Cache, actorId: unknown): void {
  if (typeof actorId === 'string') invalidateFields(cache, { __typename: 'Actor', id: actorId }, ['contacts']);
}

const actorIdOf = (result: DataFields, field: string): unknown => (result[field] as { actorId?: unknown } | null | undefined)?.actorId;

const refreshLists = (_result: unknown, _args: unknown, cache: Cache): void => {
  invalidateRootLists(cache, ['actors']);
};

export const actorsCache: CacheConfig = {
  updates: {
    Mutation: {
      createActor: refreshLists,
      archiveActor: refreshLists,
      restoreActor: refreshLists,
      createContact: (result: DataFields, _args: unknown, cache: Cache) => contactsChanged(cache, actorIdOf(result, 'createContact')),
      eraseContact: (result: DataFields, _args: unknown, cache: Cache) => contactsChanged(cache, actorIdOf(result, 'eraseContact')),
      deleteContact: (result: DataFields, _args: unknown, cache: Cache) => {
        // The answer is the id alone: the actor is the one the cached contact names.
        const id = result.deleteContact;
        if (typeof id !== 'string') return;
        const contact = { __typename: 'Contact', id };
        contactsChanged(cache, cache.resolve(contact, 'actorId'));
        cache.invalidate(contact);
      },
      importActors: (result: unknown, _args: unknown, cache: Cache) => {
        const report = (result as { importActors?: { applied?: boolean } }).importActors;
        if (report?.applied) invalidateRootLists(cache, ['actors']);
      },
      importMap: (result: unknown, _args: unknown, cache: Cache) => {
        // New actors join the lists; the actors matched changed (coordinates, sectors, map listings, contacts).
        const report = (result as { importMap?: { applied?: boolean; items?: Array<{ actorId?: string | null }> } }).importMap;
        if (!report?.applied) return;
        invalidateRootLists(cache, ['actors']);
        for (const item of report.items ?? []) if (item.actorId) cache.invalidate({ __typename: 'Actor', id: item.actorId });
      },
    },
  },
  optimistic: {},
};
