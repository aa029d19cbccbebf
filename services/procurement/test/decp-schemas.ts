// The official DECP schemas as test checks: the JSON Schema through ajv (draft-07, as the schema declares) and the XSD
// through libxml2's xmllint compiled to WebAssembly (no native tool needed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { validateXML } from 'xmllint-wasm';

// the project's copy of the official schemas (139bercy/format-commande-publique, Unlicense), as published
const FORMATS = join(__dirname, '..', '..', '..', 'formats');
export const FIXTURES = join(__dirname, 'fixtures');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

// strict: false because the official schema puts uniqueItems on an object (ajv would refuse the schema itself)
const validateJson = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(FORMATS, 'decp-2024-schema-v2.0.3.json'), 'utf8')),
);
const xsd = readFileSync(join(FORMATS, 'decp-2024-schema-v2.0.2.xsd'), 'utf8');

/** The errors of a document against decp-2024-schema-v2.0.3.json (empty when it validates). */
export function jsonSchemaErrors(document: unknown): string[] {
  if (validateJson(document)) return [];
  return (validateJson.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The errors of an XML file against decp-2024-schema-v2.0.2.xsd (empty when it validates). */
export async function xsdErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'decp.xml', contents: xml }], schema: [xsd] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
