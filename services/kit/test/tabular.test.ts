// Reading real files: encodings, delimiters, French numbers and dates.
import { base64Bytes, decodeText, parseDecimal, parseDelimited, parseFrenchDate, unstorableText } from '../src/tabular';

describe('tabular files', () => {
  it('decodes Windows-1252 as Windows-1252, not Latin-1 (€, ’, œ are in 0x80–0x9F), and UTF-8 with or without BOM', () => {
    const cp1252 = Buffer.from([
      0x31, 0x20, 0x32, 0x30, 0x30, 0x20, 0x80, 0x3b, 0x64, 0x92, 0x61, 0x3b, 0x63, 0x9c, 0x75, 0x72, 0x3b, 0xe9,
    ]);
    expect(decodeText(cp1252)).toEqual({ text: '1 200 €;d’a;cœur;é', encoding: 'WINDOWS-1252' });
    expect(decodeText(Buffer.from('\uFEFFcœur €', 'utf8'))).toEqual({ text: 'cœur €', encoding: 'UTF-8' });
    expect(decodeText(Buffer.from('cœur', 'utf8'))).toEqual({ text: 'cœur', encoding: 'UTF-8' });
  });

  it('finds the delimiter in the header and keeps each record’s line (quoted line breaks included)', () => {
    const semi = parseDelimited('a;b\r\n1;"x\ny"\r\n\r\n2;z\r\n', { field: 'file', maxRows: 10 });
    expect(semi).toEqual({
      delimiter: ';',
      columns: ['a', 'b'],
      rows: [
        { line: 3, record: { a: '1', b: 'x\ny' }, shapeProblem: null },
        { line: 5, record: { a: '2', b: 'z' }, shapeProblem: null },
      ],
    });
    expect(parseDelimited('a,b\n"1,5",2\n', { field: 'file', maxRows: 10 }).rows[0].record).toEqual({ a: '1,5', b: '2' });
    expect(() => parseDelimited('a;b\n1;2\n3;4\n', { field: 'csv', maxRows: 1 })).toThrow(/at most 1/);
    expect(() => parseDelimited('a;b\n', { field: 'csv', maxRows: 1 })).toThrow(/no data rows/);
    // a row that does not fit the header is read as far as it goes and says why, for the import to report it alone
    expect(parseDelimited('a;b\n1;2;3\n4\n5;6\n', { field: 'csv', maxRows: 5 }).rows).toEqual([
      { line: 2, record: { a: '1', b: '2' }, shapeProblem: 'has 3 cells where the header has 2' },
      { line: 3, record: { a: '4', b: '' }, shapeProblem: 'has 1 cell where the header has 2' },
      { line: 4, record: { a: '5', b: '6' }, shapeProblem: null },
    ]);
    expect(() => parseDelimited('a;b\n"1;2\n', { field: 'csv', maxRows: 5 })).toThrow(/not valid CSV/);
  });

  it('reads French and international amounts', () => {
    expect(parseDecimal('26 956,00')).toBe(26956);
    expect(parseDecimal('26\u00A0956,00')).toBe(26956);
    expect(parseDecimal('26\u202F956,5 €')).toBe(26956.5);
    expect(parseDecimal('1.234,50')).toBe(1234.5);
    expect(parseDecimal('1,234.50')).toBe(1234.5);
    expect(parseDecimal('47800.20')).toBe(47800.2);
    for (const bad of ['', 'NC', 'NaN', '1e17', '12,3,4', '--1']) expect(parseDecimal(bad)).toBeNull();
  });

  it('reads dates written 2017/09/08, 2017-09-08 or 08/09/2017, and refuses days that do not exist', () => {
    expect(parseFrenchDate('2017/09/08')).toBe('2017-09-08');
    expect(parseFrenchDate('2017-9-8')).toBe('2017-09-08');
    expect(parseFrenchDate('08/09/2017')).toBe('2017-09-08');
    for (const bad of ['2017/02/30', '2017', '09/2017', 'hier']) expect(parseFrenchDate(bad)).toBeNull();
  });

  it('takes a file’s bytes in base64 and refuses anything else', () => {
    expect(Buffer.from(base64Bytes('file', Buffer.from('é;€').toString('base64'))).toString()).toBe('é;€');
    expect(() => base64Bytes('file', '%%%')).toThrow(/base64/);
    expect(() => base64Bytes('file', '')).toThrow(/base64/);
  });

  it('refuses text PostgreSQL would refuse (NUL characters, lone surrogates) before it reaches the database', () => {
    expect(unstorableText('Nîmes ’ € 😀')).toBeNull();
    expect(unstorableText('a\u0000b')).toMatch(/NUL/);
    expect(unstorableText('a\ud800b')).toMatch(/surrogate/);
    expect(unstorableText('a\udc00')).toMatch(/surrogate/);
    // a UTF-16 file read as Windows-1252 is full of NULs: refused with the reason, not an internal error
    const utf16 = Buffer.from('\uFEFFa;b\r\n1;2\r\n', 'utf16le');
    expect(() => parseDelimited(decodeText(utf16).text, { field: 'file', maxRows: 5 })).toThrow(/NUL/);
  });
});
