import type { SiteExtractor } from '../extractors/site-extractor';
import { compileAppRule } from './compile-rule';
import { checkAppRule } from './rule-schema';

/** How the capture log names the rules that ship with the extension. */
export const BUILT_IN_RULE = 'built-in rule';

/**
 * A video app the extension ships as a declarative rule (`src/sites/rules/bundled/<app>.json`),
 * compiled into a site extractor like any other. A bundled rule that does not compile is a
 * build error: the meta-test (test/unit/sites/extractors/registry.test.ts) loads every one.
 */
export function bundledRuleExtractor(rule: unknown): SiteExtractor {
  return compileAppRule(checkAppRule(rule), { ruleName: BUILT_IN_RULE });
}
