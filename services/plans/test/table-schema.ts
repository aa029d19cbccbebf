// A small validator of Frictionless Table Schema files (as the official SCDL schema is written): column names and order,
// and for each cell its type, required, pattern, maxLength, minimum/maximum, enum, plus SCDL's custom checks.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface FieldSchema {
  name: string;
  type: 'string' | 'number' | 'date' | 'boolean' | 'integer';
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean; pattern?: string; maxLength?: number; minimum?: number; maximum?: number; enum?: string[] };
}

export interface TableSchema {
  fields: FieldSchema[];
  custom_checks?: Array<{ name: string; params: Record<string, string> }>;
}

/** The official schema, as kept in the project (copy of ../shared/formats, see docs/scdl.md). */
export function loadSchema(file: string): TableSchema {
  return JSON.parse(readFileSync(path.join(__dirname, '../../../formats', file), 'utf8')) as TableSchema;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** What the validator in the SCDL tooling (validata's french-siret-value) accepts: 14 digits, Luhn, La Poste's rule. */
function frenchSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith('356000000') && value !== '35600000000048') return [...value].reduce((s, d) => s + Number(d), 0) % 5 === 0;
  return luhn(value);
}

type Cell = string | number | boolean | null | undefined;

/**
 * Every problem of a table (header + records) against the schema, as "row N, column: reason" (row 1 is the first record).
 * Cells may be CSV text or JSON values (numbers, booleans, null); an empty string or null is a missing value.
 */
export function tableProblems(schema: TableSchema, header: string[], records: Cell[][]): string[] {
  const problems: string[] = [];
  const names = schema.fields.map((f) => f.name);
  if (header.join(',') !== names.join(',')) problems.push(`header: expected ${names.join(',')}, got ${header.join(',')}`);
  records.forEach((record, r) => {
    const at = (column: string, message: string) => problems.push(`row ${r + 1}, ${column}: ${message}`);
    if (record.length !== names.length) at('*', `has ${record.length} cells, expected ${names.length}`);
    schema.fields.forEach((field, i) => {
      const cell = record[i];
      const c = field.constraints ?? {};
      if (cell === null || cell === undefined || cell === '') {
        if (c.required) at(field.name, 'is required');
        return;
      }
      const text = String(cell);
      if (field.type === 'number' || field.type === 'integer') {
        const ok = typeof cell === 'number' ? Number.isFinite(cell) : /^-?\d+(\.\d+)?$/.test(text);
        if (!ok) return at(field.name, `is not a number: ${text}`);
        if (c.minimum !== undefined && Number(text) < c.minimum) at(field.name, `${text} is below ${c.minimum}`);
        if (c.maximum !== undefined && Number(text) > c.maximum) at(field.name, `${text} is above ${c.maximum}`);
      } else if (field.type === 'date') {
        const date = new Date(`${text}T00:00:00Z`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text)
          at(field.name, `is not a date: ${text}`);
      } else if (field.type === 'boolean') {
        const ok = typeof cell === 'boolean' || [...(field.trueValues ?? ['true']), ...(field.falseValues ?? ['false'])].includes(text);
        if (!ok) at(field.name, `is not one of ${[...(field.trueValues ?? []), ...(field.falseValues ?? [])].join(', ')}: ${text}`);
      } else if (typeof cell !== 'string') at(field.name, `is not a string: ${JSON.stringify(cell)}`);
      // Table Schema patterns match the whole value.
      if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(text)) at(field.name, `does not match ${c.pattern}: ${text}`);
      if (c.maxLength !== undefined && [...text].length > c.maxLength) at(field.name, `is longer than ${c.maxLength} characters`);
      if (c.enum && !c.enum.includes(text)) at(field.name, `is not one of ${c.enum.join(' | ')}: ${text}`);
    });
    for (const check of schema.custom_checks ?? []) {
      const cell = (column: string) => record[names.indexOf(column)];
      if (check.name === 'french-siret-value') {
        const value = cell(check.params.column);
        if (value !== null && value !== undefined && value !== '' && !frenchSiret(String(value)))
          at(check.params.column, `is not a valid SIRET: ${value}`);
      } else if (check.name === 'one-of-required') {
        const a = cell(check.params.column1);
        const b = cell(check.params.column2);
        if ((a === null || a === undefined || a === '') && (b === null || b === undefined || b === ''))
          at(check.params.column1, `or ${check.params.column2} is required`);
      } else at('*', `unknown custom check ${check.name}`);
    }
  });
  return problems;
}

/** A small RFC 4180 parser (quoted fields, doubled quotes, CRLF), to read the export back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) throw new Error('the file does not end with CRLF');
  return rows;
}
