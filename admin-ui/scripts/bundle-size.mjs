#!/usr/bin/env node
// Prints the admin SPA's initial JavaScript, gzipped: the entry script of index.html and the chunks it preloads (what a
// browser must download before the first screen). Parts loaded on demand (pages, charts, the XLSX writer) are listed
// apart. Exits with 1 above the budget (250 kB gzipped).
//   node admin-ui/scripts/bundle-size.mjs [--dir admin-ui/dist] [--build] [--json]
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 250 * 1000;
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
const rows = [...initial].map((href) => ({ file: href.replace(/^\//, ''), gzip: gz(href.replace(/^\//, '')) }));
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
const lazy = readdirSync(path.join(dir, 'assets'))
  .filter((file) => file.endsWith('.js') && !rows.some((row) => row.file === `assets/${file}`))
  .map((file) => ({ file: `assets/${file}`, gzip: gz(`assets/${file}`) }));

if (args.includes('--json')) {
  console.log(JSON.stringify({ initialGzipBytes: total, budgetBytes: BUDGET_BYTES, initial: rows, lazy }));
} else {
  console.log('Admin SPA — initial JavaScript (gzip -9):');
  for (const row of rows) console.log(`  ${row.file.padEnd(40)} ${kb(row.gzip).padStart(10)}`);
  console.log(`  ${'total'.padEnd(40)} ${kb(total).padStart(10)}  (budget ${kb(BUDGET_BYTES)})`);
  console.log('Loaded on demand:');
  for (const row of lazy) console.log(`  ${row.file.padEnd(40)} ${kb(row.gzip).padStart(10)}`);
}
if (total > BUDGET_BYTES) {
  console.error(`Initial JavaScript ${kb(total)} is over the budget of ${kb(BUDGET_BYTES)}.`);
  process.exit(1);
}
