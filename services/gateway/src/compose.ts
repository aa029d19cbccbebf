// Composes the supergraph from the subgraphs' SDL at build time (rule: the gateway reads a file, never introspects).
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export class CompositionError extends Error {}

function compose(subgraphs: SubgraphSdl[]) {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors?.length) {
    throw new CompositionError(`Supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result;
}

export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  return compose(subgraphs).supergraphSdl as string;
}

/** The supergraph and the public schema clients see (no join__/link__ machinery, no @inaccessible parts). */
export function composeSchemas(subgraphs: SubgraphSdl[]): { supergraphSdl: string; publicSdl: string } {
  const result = compose(subgraphs);
  return { supergraphSdl: result.supergraphSdl as string, publicSdl: result.publicSdl as string };
}
