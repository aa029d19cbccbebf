// The production build's initial JavaScript stays under its budget (scripts/bundle-size.mjs prints the figure), and
// the libraries meant to load on demand (the chart library, the XLSX writer) are not in it: the build lists the npm
// packages of each chunk (.vite/chunks.json) and the test reads which ones the first download holds.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ADMIN_UI = path.resolve(__dirname, '..');
const SCRIPT = path.join(ADMIN_UI, 'scripts/bundle-size.mjs');
/** The chart library (Observable Plot and its d3 modules) and the XLSX writer: never in the first download. */
const ON_DEMAND = /^(@observablehq\/plot|d3|d3-.*|write-excel-file)$/;

interface Chunk {
  file: string;
  gzip: number;
  packages: string[];
}
interface SizeReport {
  initialGzipBytes: number;
  budgetBytes: number;
  initial: Chunk[];
  lazy: Chunk[];
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ess-admin-ui-size-'));
}, 10_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('keeps the initial JavaScript under 250 kB gzipped, the chart library and the XLSX writer loaded on demand', async () => {
  const { stdout } = await run(process.execPath, [SCRIPT, '--build', '--dir', dir, '--json'], { cwd: ADMIN_UI });
  const report = JSON.parse(stdout.trim().split('\n').pop()!) as SizeReport;
  expect(report.budgetBytes).toBe(250_000);
  expect(report.initialGzipBytes).toBeGreaterThan(50_000); // a real build, not an empty page
  expect(report.initialGzipBytes).toBeLessThan(report.budgetBytes);
  expect(report.initial.reduce((sum, row) => sum + row.gzip, 0)).toBe(report.initialGzipBytes);

  const initialPackages = new Set(report.initial.flatMap((chunk) => chunk.packages));
  const lazyPackages = new Set(report.lazy.flatMap((chunk) => chunk.packages));
  // The listing works (React is in the first download), so that an empty list cannot pass the next line.
  expect(initialPackages).toContain('react');
  expect([...initialPackages].filter((name) => ON_DEMAND.test(name))).toEqual([]);
  expect(lazyPackages).toContain('@observablehq/plot');
  expect(lazyPackages).toContain('write-excel-file');
}, 180_000);

it('fails a build whose first download holds the chart library', async () => {
  const fake = await mkdtemp(path.join(os.tmpdir(), 'ess-admin-ui-fake-'));
  try {
    await mkdir(path.join(fake, 'assets'));
    await mkdir(path.join(fake, '.vite'));
    await writeFile(path.join(fake, 'index.html'), '<script type="module" src="/assets/index.js"></script>');
    await writeFile(path.join(fake, 'assets/index.js'), 'console.log(1)');
    await writeFile(
      path.join(fake, '.vite/chunks.json'),
      JSON.stringify([{ file: 'assets/index.js', isEntry: true, packages: ['@observablehq/plot', 'react'] }]),
    );
    await expect(run(process.execPath, [SCRIPT, '--dir', fake], { cwd: ADMIN_UI })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Meant to load on demand but in the initial JavaScript: @observablehq/plot'),
    });
  } finally {
    await rm(fake, { recursive: true, force: true });
  }
});
