// The production build's initial JavaScript stays under its budget (scripts/bundle-size.mjs prints the figure), and
// the parts meant to load on demand (the XLSX writer, pages other than the lists) are not in it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ADMIN_UI = path.resolve(__dirname, '..');

interface SizeReport {
  initialGzipBytes: number;
  budgetBytes: number;
  initial: Array<{ file: string; gzip: number }>;
  lazy: Array<{ file: string; gzip: number }>;
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ess-admin-ui-size-'));
}, 10_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('keeps the initial JavaScript under 250 kB gzipped, the XLSX writer loaded on demand', async () => {
  const { stdout } = await run(process.execPath, [path.join(ADMIN_UI, 'scripts/bundle-size.mjs'), '--build', '--dir', dir, '--json'], { cwd: ADMIN_UI });
  const report = JSON.parse(stdout.trim().split('\n').pop()!) as SizeReport;
  expect(report.budgetBytes).toBe(250_000);
  expect(report.initialGzipBytes).toBeGreaterThan(50_000); // a real build, not an empty page
  expect(report.initialGzipBytes).toBeLessThan(report.budgetBytes);
  expect(report.initial.reduce((sum, row) => sum + row.gzip, 0)).toBe(report.initialGzipBytes);
  // write-excel-file (and its zip writer) is a chunk of its own, not part of the first download.
  expect(report.lazy.length).toBeGreaterThan(0);
}, 120_000);
