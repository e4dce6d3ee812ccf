import { describe, expect, it } from 'vitest';
import { compilePathPattern, PathPatternRegExp, UnsafePathPattern } from '@/src/sites/rules/path-pattern';

const matches = (pattern: string, path: string) => compilePathPattern(pattern).test(path);

describe('rule path patterns', () => {
  it('matches literal segments, one any-segment *, {n} digits, {a|b} choices and a rest-of-segment *', () => {
    expect(matches('/api/task/submit', '/api/task/submit')).toBe(true);
    expect(matches('/api/task/submit', '/api/task/submit/')).toBe(true);
    expect(matches('/api/task/submit', '/api/task/submitted')).toBe(false);
    expect(matches('/api/task/submit', '/api/task')).toBe(false);
    expect(matches('/api/v{n}/tasks/*', '/api/v2/tasks/abc')).toBe(true);
    expect(matches('/api/v{n}/tasks/*', '/api/v/tasks/abc')).toBe(false);
    expect(matches('/api/v{n}/tasks/*', '/api/v2/tasks/')).toBe(false);
    expect(matches('/api/v{n}/tasks/*', '/api/v2/tasks/a/b')).toBe(false);
    expect(matches('/creative_platform/video/{i2v|t2v}', '/creative_platform/video/t2v')).toBe(true);
    expect(matches('/creative_platform/video/{i2v|t2v}', '/creative_platform/video/v2v')).toBe(false);
    expect(matches('/drafts/gen_*', '/drafts/gen_01abc')).toBe(true);
    expect(matches('/drafts/gen_*', '/drafts/gen_')).toBe(false);
  });

  it('lets a segment marked ? be absent, anywhere', () => {
    expect(matches('/v2?/api/generate', '/api/generate')).toBe(true);
    expect(matches('/v2?/api/generate', '/v2/api/generate')).toBe(true);
    expect(matches('/backend/nf/pending/v2?', '/backend/nf/pending')).toBe(true);
    expect(matches('/backend/nf/pending/v2?', '/backend/nf/pending/v2')).toBe(true);
    expect(matches('/backend/nf/pending/v2?', '/backend/nf/pending/v3')).toBe(false);
  });

  it('refuses what is not this syntax: regular expressions, wildcards across segments, ambiguous pieces', () => {
    for (const pattern of ['', 'api/task', '/api/(a|b)+', '/api/.*x', '/api/**', '/api/a*b', '/api/{n}{n}', '/api/v{n}2', '/api/{a|ab}', '/api/{x}', '/api//x', '/api/x/', '/api/\\d+', `/${'a/'.repeat(30)}x`]) {
      expect(() => compilePathPattern(pattern), pattern).toThrow(UnsafePathPattern);
    }
  });

  it('takes linear time on hostile paths (no backtracking)', () => {
    const pattern = compilePathPattern('/a?/a?/a?/a?/a?/a?/a?/a?/a?/a?/a?/a?/*/{n}x');
    const hostile = `/${'a/'.repeat(1500)}${'1'.repeat(1000)}y`;
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) expect(pattern.test(hostile)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('stands in for a RegExp in SiteEndpoint.path without building one from the pattern', () => {
    const path = new PathPatternRegExp(compilePathPattern('/api/v{n}/task/status'));
    expect(path.test('/api/v2/task/status')).toBe(true);
    expect(path.test('/api/task/status')).toBe(false);
    expect('/api/v3/task/status'.match(path)?.[0]).toBe('/api/v3/task/status');
    expect(String(path)).toBe('/api/v{n}/task/status');
  });
});
