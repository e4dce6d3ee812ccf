import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

let source: Promise<string> | undefined;

/**
 * Cards past the tenth are left out of a scan: the same code draws every card, the first ten of
 * the seeded libraries already hold every status, an expired link and both sites, and axe's
 * contrast check costs seconds per card on a loaded machine.
 */
const SAME_AS_ABOVE = 'li.entry:nth-child(n+11)';

/**
 * Runs axe-core (the devDependency, in the page's main world: evaluated through the DevTools
 * protocol, so the extension pages' CSP does not stop it) over the whole page and expects no
 * violation of WCAG 2.x A/AA or axe's best practices; the message lists each one with its nodes.
 * The whole document is scanned, dialogs included, but for the cards `SAME_AS_ABOVE`.
 */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await source);
  const violations = await page.evaluate(async (exclude) => {
    const axe = (window as unknown as { axe: { run(context: object, options: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run({ exclude: [[exclude]] }, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  }, SAME_AS_ABOVE);
  const report = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? '?'}): ${violation.help}\n${violation.nodes
        .slice(0, 5)
        .map((node) => `  ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`)
        .join('\n')}`,
  );
  expect(report, `axe on ${what}`).toEqual([]);
}
