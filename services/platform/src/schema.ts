// `npm run schema`: writes schema/<subgraph>.graphql and schema/supergraph.graphql.
import 'reflect-metadata';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSchemaFiles, SCHEMA_DIR } from './schema-files';

async function main(): Promise<void> {
  const files = await generateSchemaFiles();
  await mkdir(SCHEMA_DIR, { recursive: true });
  for (const existing of await readdir(SCHEMA_DIR)) {
    if ((existing.endsWith('.graphql') || existing.endsWith('.json')) && !(existing in files)) await rm(path.join(SCHEMA_DIR, existing));
  }
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(SCHEMA_DIR, name), content);
  console.info(`Wrote ${Object.keys(files).map((f) => `schema/${f}`).join(', ')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
