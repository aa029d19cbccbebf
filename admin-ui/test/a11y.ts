// Accessibility checks and screenshots for the browser tests.
// - checkA11y runs axe-core (the engine of @axe-core/playwright, injected as a script) on the page as it is, and
//   returns the serious and critical violations (tests expect none) with their targets, to read in a failure.
// - screenshot saves the page in admin-ui/test-artifacts/screenshots/<name>-<theme>.png (kept as build artifacts).
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

// Evaluated through the DevTools protocol rather than added as a <script>: the gateway's Content-Security-Policy
// (script-src 'self') rightly refuses inline scripts.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOT_DIR = path.resolve(__dirname, '../test-artifacts/screenshots');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** The serious and critical axe violations of the page (WCAG 2.1 A and AA rules and best practices). */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 5).join(', ')}`);
}

/** Sets the theme as the preferences menu would (kept in localStorage, applied on <html data-theme>). */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((value) => {
    window.localStorage.setItem('ess.theme', value);
    document.documentElement.dataset.theme = value;
  }, theme);
}

/** Saves a full-page screenshot of the page in the given theme. */
export async function screenshot(page: Page, name: string, theme: 'light' | 'dark'): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}-${theme}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Checks the page in both themes (contrast differs) and saves a screenshot of each; returns the violations found. */
export async function checkPageInBothThemes(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    problems.push(...(await seriousViolations(page)).map((problem) => `[${theme}] ${problem}`));
    await screenshot(page, name, theme);
  }
  await setTheme(page, 'light');
  return problems;
}
