import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

/** axe-core's browser build, read once from the package (never fetched). */
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string; html: string }[];
}

/**
 * Runs axe-core in `page` and returns the serious and critical violations, WCAG 2.2 AA rules and
 * best practices. The script goes in through page.evaluate (the DevTools protocol), which the
 * page's Content-Security-Policy does not govern, so the page under test is not loosened for it.
 */
export async function seriousViolations(page: Page | Frame, include?: string): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (context) => {
    const axe = (globalThis as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    // No `include`: the whole document.
    const result = await axe.run(context ? { include: [context] } : { exclude: [] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200) })) }));
  }, include ?? null);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation and node, for an assertion message a person can act on. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.failureSummary ?? ''} ${n.html}`)).join('\n');
}
