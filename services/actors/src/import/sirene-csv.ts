// Streams the rows of a SIRENE CSV (UTF-8 with or without BOM, `,` or `;`): a request's text or an upload's bytes alike.
import { Readable, pipeline } from 'node:stream';
import { BadInputError } from '@ess/kit';
import { parse } from 'csv-parse';
import type { SireneRecord, SireneRow } from './sirene-layout';

/** The separator of a header line: INSEE writes `,`, a spreadsheet saved in French `;`. */
export function detectDelimiter(headerLine: string): ',' | ';' {
  return (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

async function* decoded(source: string | AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source.replace(/^\uFEFF/, '');
    return;
  }
  // fatal: a file in another encoding (Latin-1, Windows-1252) is refused, not imported with garbled names. The
  // decoder drops a leading BOM.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of source) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw BadInputError.field('csv', 'is not UTF-8 text (INSEE publishes its stock files in UTF-8)');
    }
    throw error;
  }
}

/**
 * The data rows of a CSV with a header line, as `{ row, line }` (the header is line 1), read as they come: memory does
 * not grow with the file. A malformed file (an unclosed quote, a row with too many fields) is refused on the csv field
 * with its line.
 */
export async function* readSireneCsv(source: string | AsyncIterable<string | Uint8Array>): AsyncGenerator<SireneRecord> {
  const text = decoded(source);
  // The separator is read from the header line: buffer until its end.
  let head = '';
  let next = await text.next();
  while (!next.done) {
    head += next.value;
    if (/\r?\n/.test(head)) break;
    next = await text.next();
  }
  head = head.replace(/^\uFEFF/, '');
  if (!head.trim()) throw BadInputError.field('csv', 'is empty');
  const delimiter = detectDelimiter(head.split(/\r?\n/, 1)[0]);

  async function* all(): AsyncGenerator<string> {
    yield head;
    if (next.done) return;
    for await (const chunk of text) yield chunk;
  }
  const parser = parse({
    columns: (header: string[]) => header.map((column) => column.trim()),
    delimiter,
    skip_empty_lines: true,
    trim: true,
    info: true,
    relax_column_count: false,
  });
  // pipeline hands a source error (not UTF-8) to the parser, whose iteration then throws it.
  pipeline(Readable.from(all()), parser, () => undefined);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: SireneRow; info: { lines: number } }>) {
      yield { row: record, line: info.lines };
    }
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    const e = error as { message: string; lines?: number };
    throw BadInputError.field('csv', `is not valid CSV${e.lines ? ` (line ${e.lines})` : ''}: ${e.message}`);
  }
}
