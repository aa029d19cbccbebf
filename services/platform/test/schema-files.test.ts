import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, getNamedType, isObjectType } from 'graphql';
import { generateSchemaFiles, SCHEMA_DIR } from '../src/schema-files';

// schema/ is generated from the code and committed: the gateway reads supergraph.graphql, the SPA types come from it.
describe('schema files', () => {
  it('are exactly what the code produces (run `npm run schema` after changing a resolver or entity)', async () => {
    const expected = await generateSchemaFiles();
    const committed = (await readdir(SCHEMA_DIR)).filter((f) => f.endsWith('.graphql')).sort();
    expect(committed).toEqual(Object.keys(expected).sort());
    for (const [name, content] of Object.entries(expected)) {
      const onDisk = await readFile(path.join(SCHEMA_DIR, name), 'utf8');
      if (onDisk !== content) throw new Error(`schema/${name} is stale: run \`npm run schema\` and commit the result`);
    }
  });

  it('exposes no personal data without a declared rule: Contact is only reachable through Actor.contacts', async () => {
    const schema = buildSchema((await generateSchemaFiles())['supergraph.graphql']);
    const readers: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name === 'Mutation') continue;
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === 'Contact') readers.push(`${type.name}.${field.name}`);
      }
    }
    expect(readers).toEqual(['Actor.contacts']);
  });
});
