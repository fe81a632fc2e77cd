/** Accessibility checks with axe-core: WCAG 2.0/2.1 A and AA rules; violations are listed readably on failure. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** `include` limits the check to part of the page (e.g. an open dialog, when the page itself was checked already). */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page: page as never }).withTags(WCAG_TAGS);
  const result = await (include ? builder.include(include) : builder).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`,
  );
}
