// Trusted documents: the operations anonymous callers (public dashboards) may run, registered by their SHA-256.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';

export type Manifest = Record<string, string>;

export function documentId(document: string): string {
  return `sha256:${createHash('sha256').update(document).digest('hex')}`;
}

export class TrustedDocumentError extends Error {}

/** Builds the manifest from named documents, refusing any that the supergraph would not accept. */
export function buildManifest(supergraphSdl: string, documents: Array<{ file: string; text: string }>): Manifest {
  const schema: GraphQLSchema = buildSchema(supergraphSdl);
  const manifest: Manifest = {};
  for (const { file, text } of documents) {
    const document = parse(text, { noLocation: true });
    const errors = validate(schema, document);
    if (errors.length) throw new TrustedDocumentError(`${file} does not match the schema: ${errors.map((e) => e.message).join('; ')}`);
    manifest[documentId(text)] = text;
  }
  return Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
}

export async function loadManifest(path: string): Promise<Manifest> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

interface GraphQLParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
  [key: string]: unknown;
}

/**
 * For an anonymous caller: the request made to run a registered document (by `documentId`, by the persisted-query
 * extension, or by sending the exact registered text), or why it is refused.
 */
export function resolveTrusted(manifest: Manifest, params: GraphQLParams): { params: GraphQLParams } | { status: number; code: string; message: string } {
  const hash = params.extensions?.persistedQuery?.sha256Hash;
  const id = typeof params.documentId === 'string' ? params.documentId : typeof hash === 'string' ? `sha256:${hash}` : undefined;
  if (id) {
    const text = manifest[id];
    if (!text) return { status: 400, code: 'PERSISTED_QUERY_NOT_FOUND', message: `No registered operation ${id}` };
    const { documentId: _documentId, extensions: _extensions, ...rest } = params;
    return { params: { ...rest, query: text } };
  }
  if (typeof params.query === 'string' && manifest[documentId(params.query)]) return { params };
  return { status: 403, code: 'PERSISTED_QUERY_ONLY', message: 'Anonymous callers may run only the registered dashboard operations; sign in or use an API key for others' };
}
