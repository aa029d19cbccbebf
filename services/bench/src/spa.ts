// SPA figures: initial JavaScript gzipped (admin-ui/scripts/bundle-size.mjs, when present) and time to first actor-list
// render in headless Chromium. Hook: returns null for each figure it cannot take, with the reason.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');

export interface SpaFigures {
  initialJsGzip: string | null;
  firstListRenderMs: number | null;
  notes: string[];
}

export async function spaFigures(): Promise<SpaFigures> {
  const notes: string[] = [];
  let initialJsGzip: string | null = null;
  const script = path.join(ROOT, 'admin-ui/scripts/bundle-size.mjs');
  if (existsSync(script)) {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: ROOT, timeout: 180_000 });
      initialJsGzip = stdout.trim().split('\n').slice(-3).join(' ');
    } catch (error) {
      notes.push(`bundle-size.mjs failed: ${String((error as Error).message).split('\n')[0]}`);
    }
  } else {
    notes.push('admin-ui/scripts/bundle-size.mjs is not there yet: initial JS size not measured');
  }
  // Time to first actor-list render in headless Chromium: not measured yet (see docs/performance.md, "Not done yet").
  notes.push('time to first actor-list render: not measured yet');
  return { initialJsGzip, firstListRenderMs: null, notes };
}
