// The XML variant of the DECP 2024 format (schema_decp_v2.0.2.xsd): read into the same shape as the JSON, and written
// from the JSON records the export builds, with the XML's element names and without what its schema does not allow.
import { BadInputError } from '@ess/kit';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** Elements that repeat in the XSD: always read as lists, even when the file has one. */
const LIST_ELEMENTS = new Set([
  'marche',
  'contrat-concession',
  'technique',
  'modaliteExecution',
  'typePrix',
  'titulaire',
  'considerationSociale',
  'considerationEnvironnementale',
  'modification',
  'acteSousTraitance',
  'modificationActesSousTraitance',
  'concessionnaire',
  'donneesExecution',
  'tarif',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  // values stay text (ids such as "0123" keep their zeros); the field readers convert and report
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  isArray: (name) => LIST_ELEMENTS.has(name),
});

export function looksLikeXml(text: string): boolean {
  return text.trimStart().startsWith('<');
}

/** A DECP XML file as the document the JSON reader expects: {marches: {marche: [...], 'contrat-concession': [...]}}. */
export function parseDecpXml(text: string): unknown {
  // DECP files have no DTD; refusing one closes the door to entity expansion (billion laughs) and external entities
  if (/<!(DOCTYPE|ENTITY)/i.test(text))
    throw BadInputError.field('json', 'must not contain a DOCTYPE or entity declarations (DECP XML has none)');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw BadInputError.field('json', `is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const document = parser.parse(text) as Record<string, unknown>;
  if (!('marches' in document)) throw BadInputError.field('json', 'is not a DECP XML file: its root element must be <marches>');
  // <marches/> parses as '': a file without contracts
  return { marches: document.marches === '' ? {} : document.marches };
}

type Json = Record<string, unknown>;

/** JSON wrappers whose XML element differs ("modificationActeSousTraitance" is "modificationActesSousTraitance" in the XSD). */
const XML_NAMES: Record<string, string> = { modificationActeSousTraitance: 'modificationActesSousTraitance' };
/** What the XSD does not allow where the JSON schema does (xs:all of typeIdentifiant and id; acheteur has only id). */
const NOT_IN_XML = new Set(['denominationSociale', 'nom']);

function toXmlShape(value: unknown): unknown {
  if (Array.isArray(value)) {
    // [{titulaire: x}, {titulaire: y}] -> {titulaire: [x, y]}
    const wrapped = value.every((item) => item && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 1);
    const key = wrapped && value.length ? Object.keys(value[0] as Json)[0] : null;
    if (key && value.every((item) => key in (item as Json)))
      return { [XML_NAMES[key] ?? key]: value.map((item) => toXmlShape((item as Json)[key])) };
    return value.map(toXmlShape);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Json)
        .filter(([k]) => !NOT_IN_XML.has(k))
        .map(([k, v]) => [k, toXmlShape(v)]),
    );
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });

/** The DECP XML file of marchés given in their JSON shape (the `_ess` block is never written: the XML is for publishing). */
export function toDecpXml(records: Json[]): string {
  const marche = records.map((record) => toXmlShape(Object.fromEntries(Object.entries(record).filter(([k]) => k !== '_ess'))));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ marches: { marche } }) as string}`;
}
