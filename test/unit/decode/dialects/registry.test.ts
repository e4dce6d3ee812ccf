import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '@/src/decode/dialects';
import { decodeChunks, dialectOf, expectedFileOf, FIXTURE_DIR, fixtureFiles, loadFixture, runText, TEST_DIR } from './fixture-runner';

// Each dialect is one module plus a recorded fixture and a test.
const names = DIALECTS.map((dialect) => dialect.name);
/** Test files here that belong to no single dialect. */
const SHARED_TESTS = new Set(['registry.test.ts']);

describe('dialect registry', () => {
  it('names each dialect once, in kebab case', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(names)('%s has a recorded fixture and a test file', (name) => {
    const fixtures = fixtureFiles().filter((file) => dialectOf(file) === name);
    expect(fixtures, `no fixture ${FIXTURE_DIR}${name}.<ext>`).not.toEqual([]);
    expect(existsSync(`${TEST_DIR}${name}.test.ts`), `no test file ${TEST_DIR}${name}.test.ts`).toBe(true);
  });

  it('has an expectation beside every fixture, and no fixture or test of an unknown dialect', () => {
    for (const file of fixtureFiles()) {
      expect(names, `${file} names no registered dialect`).toContain(dialectOf(file));
      expect(existsSync(`${FIXTURE_DIR}${expectedFileOf(file)}`), `${file} has no ${expectedFileOf(file)}`).toBe(true);
      expect(loadFixture(file).expected.basedOn, `${file} does not say what it is based on`).toMatch(/\S/);
    }
    for (const file of readdirSync(FIXTURE_DIR).filter((item) => item.endsWith('.expected.json'))) {
      const fixture = fixtureFiles().find((item) => expectedFileOf(item) === file);
      expect(fixture, `${file} expects a fixture that does not exist`).toBeDefined();
    }
    for (const file of readdirSync(TEST_DIR).filter((item) => item.endsWith('.test.ts') && !SHARED_TESTS.has(item))) {
      expect(names, `${file} tests no registered dialect`).toContain(file.replace(/\.test\.ts$/, ''));
    }
  });

  it('registers a dialect that refines another before it', () => {
    for (const dialect of DIALECTS.filter((item) => item.refines !== undefined)) {
      expect(names, `${dialect.name} refines an unknown dialect`).toContain(dialect.refines);
      expect(names.indexOf(dialect.name), `${dialect.name} must come before ${dialect.refines}`).toBeLessThan(names.indexOf(dialect.refines ?? ''));
    }
  });

  // Wrong-dialect safety: were a fixture's own dialect missing, no other would read an answer
  // out of it, so the order of the registry cannot hand a stream to the wrong dialect. The one
  // exception is the dialect a refinement refines: its streams falling back to it is the design.
  it.each(fixtureFiles())('no other dialect reads an answer out of %s', (file) => {
    const fixture = loadFixture(file);
    const own = DIALECTS.find((dialect) => dialect.name === dialectOf(file));
    const others = DIALECTS.filter((dialect) => dialect.name !== own?.name && dialect.name !== own?.refines);
    const outcome = runText(fixture.expected.contentType, decodeChunks(fixture.bytes, []), others);
    expect({ text: outcome.text, videos: outcome.videos }).toEqual({ text: '', videos: [] });
  });
});
