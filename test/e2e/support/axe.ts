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
 * Runs axe-core (the devDependency, in the page's main world: evaluated through the DevTools
 * protocol, so the extension pages' CSP does not stop it) over the whole page and expects no
 * violation of WCAG 2.x A/AA or axe's best practices; the message lists each one with its nodes.
 */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  const report = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? '?'}): ${violation.help}\n${violation.nodes
        .slice(0, 5)
        .map((node) => `  ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`)
        .join('\n')}`,
  );
  expect(report, `axe on ${what}`).toEqual([]);
}
