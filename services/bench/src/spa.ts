// SPA figures: the initial JavaScript gzipped (admin-ui/scripts/bundle-size.mjs, which also builds the SPA into a
// scratch folder) and the time to first actor-list render in headless Chromium: a fresh browser context (cold cache)
// with a Gard editor's session cookie opens /acteurs on a gateway of ours serving that build; the time runs from the
// navigation to the first data row of the list. Returns null for a figure it cannot take, with the reason.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { BENCH_DEMO_PASSWORD, BENCH_EDITOR } from './definitions';
import type { Stack } from './stack';

const ROOT = path.resolve(__dirname, '../../..');
const ADMIN_UI = path.join(ROOT, 'admin-ui');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface SpaFigures {
  initialJsGzipBytes: number | null;
  firstListRenderMs: number[];
  notes: string[];
}

export async function spaFigures(stack: Stack, runs = 5): Promise<SpaFigures> {
  const notes: string[] = [];
  const script = path.join(ADMIN_UI, 'scripts/bundle-size.mjs');
  if (!existsSync(script)) return { initialJsGzipBytes: null, firstListRenderMs: [], notes: ['admin-ui/scripts/bundle-size.mjs is not there: SPA not measured'] };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-admin-ui-'));
  try {
    let initialJsGzipBytes: number | null = null;
    let stdout = '';
    try {
      stdout = (await promisify(execFile)(process.execPath, [script, '--build', '--dir', dir, '--json'], { cwd: ROOT, timeout: 300_000, maxBuffer: 16 * 2 ** 20 })).stdout;
    } catch (error) {
      stdout = String((error as { stdout?: string }).stdout ?? ''); // exits with 1 above its budget, after printing
      if (!stdout) notes.push(`bundle-size.mjs failed: ${String((error as Error).message).split('\n')[0]}`);
    }
    const line = stdout.trim().split('\n').find((l) => l.startsWith('{'));
    if (line) initialJsGzipBytes = (JSON.parse(line) as { initialGzipBytes: number }).initialGzipBytes;
    if (!existsSync(path.join(dir, 'index.html'))) return { initialJsGzipBytes, firstListRenderMs: [], notes: [...notes, 'no SPA build: time to first list render not measured'] };
    if (!existsSync(CHROMIUM)) return { initialJsGzipBytes, firstListRenderMs: [], notes: [...notes, `no Chromium at ${CHROMIUM}`] };

    const base = new URL(await stack.startSpaGateway(dir)).origin;
    const signIn = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: BENCH_EDITOR, password: BENCH_DEMO_PASSWORD }) });
    const [name, value] = (signIn.headers.get('set-cookie')?.split(';')[0] ?? '').split('=');
    // playwright-core is a dependency of admin-ui (its browser tests), resolved from there
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require(require.resolve('playwright-core', { paths: [ADMIN_UI] })) as typeof import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const times: number[] = [];
    try {
      for (let i = 0; i < runs + 1; i++) {
        const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
        await context.addCookies([{ name, value, url: base }]);
        const page = await context.newPage();
        const start = performance.now();
        await page.goto(`${base}/acteurs`);
        await page.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
        if (i > 0) times.push(performance.now() - start); // the first one warms the gateway and the database
        await context.close();
      }
    } finally {
      await browser.close();
    }
    return { initialJsGzipBytes, firstListRenderMs: times, notes };
  } catch (error) {
    return { initialJsGzipBytes: null, firstListRenderMs: [], notes: [...notes, `SPA figures failed: ${String((error as Error).message).split('\n')[0]}`] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
