// Reading the files people actually have: bytes in UTF-8 (with or without BOM) or Windows-1252, CSV with `;` or `,`,
// French numbers ("26 956,00") and dates ("2017/09/08"); each row keeps its line in the file for the import report.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { BadInputError } from './errors';

export type TextEncoding = 'UTF-8' | 'WINDOWS-1252';

/** The text of a file: UTF-8 when its bytes are valid UTF-8 (a BOM is dropped), else Windows-1252 (Excel's French CSV). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'UTF-8' };
  } catch {
    // Not Node's TextDecoder('windows-1252'): Node 20 decodes it as Latin-1 (0x80 gives U+0080, not €; 0x92 not ’).
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'WINDOWS-1252' };
  }
}

/** The bytes of a file sent base64-encoded through GraphQL (a String cannot carry Windows-1252 bytes as they are). */
export function base64Bytes(field: string, value: string): Uint8Array {
  const clean = value.replace(/\s/g, '');
  if (!clean || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1)
    throw BadInputError.field(field, 'must be the file’s bytes in base64');
  return Buffer.from(clean, 'base64');
}

/**
 * Why PostgreSQL would refuse a text (it stores no NUL character, and jsonb no lone UTF-16 surrogate), or null: checked
 * before a value reaches the database, so that a bad file is a clear BAD_USER_INPUT and not an internal error.
 */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'holds a NUL character (a binary or UTF-16 file? save it as UTF-8 or Windows-1252)';
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text))
    return 'holds a broken Unicode character (lone surrogate)';
  return null;
}

export interface TableRow {
  /** Line of the file where the record ends (the header is line 1; only quoted line breaks make a record span lines). */
  line: number;
  record: Record<string, string>;
  /** Why the row does not fit the header (a cell missing or too many), for the import to report; the row is read as far as it goes. */
  shapeProblem: string | null;
}

export interface Table {
  delimiter: ';' | ',';
  columns: string[];
  rows: TableRow[];
}

/**
 * A CSV with a header line; the delimiter is the one of `;` and `,` the header uses most. A row with more or fewer cells
 * than the header does not refuse the file: it says so in `shapeProblem`, so that the import reports that row alone.
 */
export function parseDelimited(text: string, options: { field: string; maxRows: number }): Table {
  const unstorable = unstorableText(text);
  if (unstorable) throw BadInputError.field(options.field, unstorable);
  const body = text.replace(/^\uFEFF/, '');
  const end = body.search(/\r?\n/);
  const header = end === -1 ? body : body.slice(0, end);
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, csv-parse returns each record with its info; its types describe the plain arrays only.
    parsed = parse(body, {
      delimiter,
      skip_empty_lines: true,
      info: true,
      relax_quotes: true,
      relax_column_count: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw BadInputError.field(options.field, `is not valid CSV${e.lines ? ` (line ${e.lines})` : ''}: ${e.message}`);
  }
  const [head, ...data] = parsed;
  if (!head || data.length === 0) throw BadInputError.field(options.field, 'has no data rows');
  if (data.length > options.maxRows)
    throw BadInputError.field(options.field, `has ${data.length} rows; import at most ${options.maxRows} at a time`);
  const columns = head.record.map((name) => name.trim());
  const rows = data.map(({ record, info }) => ({
    line: info.lines,
    record: Object.fromEntries(columns.map((column, i) => [column, record[i] ?? ''])),
    shapeProblem:
      record.length === columns.length
        ? null
        : `has ${record.length} ${record.length === 1 ? 'cell' : 'cells'} where the header has ${columns.length}`,
  }));
  return { delimiter, columns, rows };
}

/**
 * A French or international decimal: "26 956,00", "26 956,00" (no-break spaces), "26956.00", "1.234,5", "12 €".
 * Returns null when the text is not a number.
 */
export function parseDecimal(text: string): number | null {
  let value = text.replace(/[\s\u00A0\u202F€]/g, '');
  if (!value) return null;
  if (value.includes(',') && value.includes('.')) {
    // The last separator is the decimal one: "1.234,50" (French) or "1,234.50" (English).
    value = value.lastIndexOf(',') > value.lastIndexOf('.') ? value.replace(/\./g, '').replace(',', '.') : value.replace(/,/g, '');
  } else if (value.includes(',')) value = value.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) return null;
  return Number(value);
}

/** A calendar date as YYYY-MM-DD from "2017-09-08", "2017/09/08" or "08/09/2017"; null when it is none or not a real day. */
export function parseFrenchDate(text: string): string | null {
  const value = text.trim();
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  let iso: string | null = null;
  if (match) iso = `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value)))
    iso = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  if (!iso) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}
