import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SITE_EXTRACTORS } from '@/src/sites/extractors';
import { BUILT_IN_RULE, bundledRuleExtractor } from '@/src/sites/rules/bundled-rule';

const DIR = 'src/sites/rules/bundled/';
const bundled = readdirSync(DIR).filter((file) => file.endsWith('.json')).map((file) => file.replace(/\.json$/, ''));

// The apps written as data pass the same meta-test as the ones written as code
// (test/unit/sites/extractors/registry.test.ts); this checks that they are data all the way.
describe('bundled site rules', () => {
  it('ship at least two apps entirely as declarative rules', () => {
    expect(bundled.length).toBeGreaterThanOrEqual(2);
    expect(bundled).toEqual(expect.arrayContaining(['kling', 'pixverse']));
  });

  it.each(bundled)('%s: is the registered extractor, every endpoint read by a mapping (no code), named as a built-in rule', (name) => {
    const rule = JSON.parse(readFileSync(`${DIR}${name}.json`, 'utf8')) as { name: string; endpoints: { read: Record<string, unknown> }[] };
    expect(rule.name).toBe(name);
    for (const endpoint of rule.endpoints) expect(Object.keys(endpoint.read)).toEqual(['map']);
    const registered = SITE_EXTRACTORS.find((extractor) => extractor.name === name);
    expect(registered).toBeDefined();
    expect(registered?.endpoints.every((endpoint) => endpoint.rule === BUILT_IN_RULE)).toBe(true);
    const compiled = bundledRuleExtractor(rule);
    expect(compiled.hosts).toEqual(registered?.hosts);
    expect(compiled.endpoints.map((endpoint) => endpoint.name)).toEqual(registered?.endpoints.map((endpoint) => endpoint.name));
    expect(readFileSync(`src/sites/extractors/${name}.ts`, 'utf8')).not.toMatch(/extract\s*\(/);
  });
});
