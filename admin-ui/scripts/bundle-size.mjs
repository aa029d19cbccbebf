#!/usr/bin/env node
// Prints the admin SPA's initial JavaScript, gzipped: the entry script of index.html and the chunks it preloads (what a
// browser must download before the first screen). Parts loaded on demand (pages, charts, the XLSX writer) are listed
// apart, and the npm packages each holds (from .vite/chunks.json, written by vite.config.ts). Exits with 1 above the
// budget (250 kB gzipped) or when a package meant to load on demand (ON_DEMAND_PACKAGES) is in the first download.
//   node admin-ui/scripts/bundle-size.mjs [--dir admin-ui/dist] [--build] [--json]
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 250 * 1000;
/** Libraries only some pages need: the chart library (action pages) and the XLSX writer (exports). */
export const ON_DEMAND_PACKAGES = ['@observablehq/plot', 'd3', 'write-excel-file'];
const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const dirArg = args.indexOf('--dir');
const dir = path.resolve(dirArg >= 0 ? args[dirArg + 1] : path.join(here, '..', 'dist'));

if (args.includes('--build')) {
  execFileSync(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.resolve('vite/package.json'))), 'bin/vite.js'), 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: path.join(here, '..'),
    stdio: 'inherit',
  });
}

const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
const initial = new Set();
for (const match of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) initial.add(match[1]);
for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) initial.add(match[1]);
if (initial.size === 0) throw new Error(`No module script in ${dir}/index.html`);

const gz = (file) => gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const chunks = JSON.parse(readFileSync(path.join(dir, '.vite/chunks.json'), 'utf8'));
const packagesOf = (file) => chunks.find((chunk) => chunk.file === file)?.packages ?? [];
const rows = [...initial].map((href) => href.replace(/^\//, '')).map((file) => ({ file, gzip: gz(file), packages: packagesOf(file) }));
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
const lazy = readdirSync(path.join(dir, 'assets'))
  .filter((file) => file.endsWith('.js') && !rows.some((row) => row.file === `assets/${file}`))
  .map((file) => ({ file: `assets/${file}`, gzip: gz(`assets/${file}`), packages: packagesOf(`assets/${file}`) }));
const isOnDemand = (name) => ON_DEMAND_PACKAGES.some((root) => name === root || name.startsWith(`${root}-`));
const misplaced = [...new Set(rows.flatMap((row) => row.packages).filter(isOnDemand))];

if (args.includes('--json')) {
  const report = { initialGzipBytes: total, budgetBytes: BUDGET_BYTES, onDemandPackages: ON_DEMAND_PACKAGES, initial: rows, lazy };
  console.log(JSON.stringify(report));
} else {
  console.log('Admin SPA — initial JavaScript (gzip -9):');
  for (const row of rows) console.log(`  ${row.file.padEnd(40)} ${kb(row.gzip).padStart(10)}`);
  console.log(`  ${'total'.padEnd(40)} ${kb(total).padStart(10)}  (budget ${kb(BUDGET_BYTES)})`);
  console.log('Loaded on demand:');
  for (const row of lazy) console.log(`  ${row.file.padEnd(40)} ${kb(row.gzip).padStart(10)}  ${row.packages.join(' ')}`);
}
if (total > BUDGET_BYTES) {
  console.error(`Initial JavaScript ${kb(total)} is over the budget of ${kb(BUDGET_BYTES)}.`);
  process.exit(1);
}
if (misplaced.length > 0) {
  console.error(`Meant to load on demand but in the initial JavaScript: ${misplaced.join(', ')}.`);
  process.exit(1);
}
