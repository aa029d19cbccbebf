import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, getNamedType, isObjectType } from 'graphql';
import { generateSchemaFiles, SCHEMA_DIR } from '../src/schema-files';

// schema/ is generated from the code and committed: the gateway reads supergraph.graphql, the SPA types come from it.
/** Types that hold personal data (names, emails, phones), or wrap it. */
const PERSONAL_TYPES = ['Contact', 'ExportedContact', 'ContactDataExport'];

describe('schema files', () => {
  it('are exactly what the code produces (run `npm run schema` after changing a resolver or entity)', async () => {
    const expected = await generateSchemaFiles();
    const committed = (await readdir(SCHEMA_DIR)).filter((f) => f.endsWith('.graphql') || f.endsWith('.json')).sort();
    expect(committed).toEqual(Object.keys(expected).sort());
    for (const [name, content] of Object.entries(expected)) {
      const onDisk = await readFile(path.join(SCHEMA_DIR, name), 'utf8');
      if (onDisk !== content) throw new Error(`schema/${name} is stale: run \`npm run schema\` and commit the result`);
    }
  });

  it('exposes personal data only where a rule guards it: Actor.contacts and the admins’ contact data export', async () => {
    const schema = buildSchema((await generateSchemaFiles())['supergraph.graphql']);
    const readers: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name === 'Mutation') continue;
      for (const field of Object.values(type.getFields())) {
        if (PERSONAL_TYPES.includes(getNamedType(field.type).name)) readers.push(`${type.name}.${field.name}`);
      }
    }
    expect(readers.sort()).toEqual(['Actor.contacts', 'ContactDataExport.contact', 'Query.contactDataExport'].sort());
  });
});
