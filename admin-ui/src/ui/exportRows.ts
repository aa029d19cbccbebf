// Exports a list as a file the person's spreadsheet opens: CSV (UTF-8 with a byte-order mark and semicolons, what
// French spreadsheet software expects) or XLSX (write-excel-file, loaded only when someone exports).

export interface ExportColumn<Row> {
  header: string;
  value(row: Row): string | number | boolean | null | undefined;
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote when needed; a leading = + - @ is neutralised so that a cell is never run as a formula (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<Row>(columns: ReadonlyArray<ExportColumn<Row>>, rows: readonly Row[]): string {
  const lines = [columns.map((column) => csvCell(column.header)).join(';')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(column.value(row))).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Hands a file to the browser as a download (a temporary object URL on a clicked link). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function exportRows<Row>(format: 'csv' | 'xlsx', basename: string, columns: ReadonlyArray<ExportColumn<Row>>, rows: readonly Row[]): Promise<void> {
  if (format === 'csv') {
    download(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }), `${basename}.csv`);
    return;
  }
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const header = columns.map((column) => ({ value: column.header, fontWeight: 'bold' as const }));
  // Numbers and booleans stay numbers and booleans in the sheet (sums and filters work); the rest is text.
  const data = rows.map((row) => columns.map((column) => column.value(row) ?? null));
  const blob = await writeXlsxFile([header, ...data]).toBlob();
  download(blob, `${basename}.xlsx`);
}
