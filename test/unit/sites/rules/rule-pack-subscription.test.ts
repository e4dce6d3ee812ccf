import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { SITE_EXTRACTORS } from '@/src/sites/extractors';
import type { StoredRulePack } from '@/src/sites/rules/rule-pack-store';
import { subscriptionPermission, subscriptionUrl, updateDueSubscriptions, updateSubscription, UPDATE_EVERY_MS } from '@/src/sites/rules/rule-pack-subscription';

const URL_ = 'https://rules.example.org/kling.json';
const packText = readFileSync('test/fixtures/site-rules/kling-v2-fix.pack.json', 'utf8');
const DAY = UPDATE_EVERY_MS;

function server(responses: (() => Response)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn((url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    return next ? Promise.resolve(next()) : Promise.reject(new Error('offline'));
  });
  return { fetch, calls };
}

describe('rule pack subscriptions', () => {
  it('accepts only https URLs, and asks for that one origin', () => {
    expect(subscriptionUrl('http://rules.example.org/a.json')).toBeUndefined();
    expect(subscriptionUrl('javascript:alert(1)')).toBeUndefined();
    expect(subscriptionUrl('https://user:pw@rules.example.org/a.json')).toBeUndefined();
    expect(subscriptionUrl(` ${URL_} `)).toBe(URL_);
    expect(subscriptionPermission(URL_)).toEqual({ origins: ['https://rules.example.org/*'] });
  });

  it('fetches without credentials, keeps the ETag, and sends it back: a 304 keeps the pack', async () => {
    const { fetch, calls } = server([() => new Response(packText, { headers: { etag: '"v1"' } }), () => new Response(null, { status: 304 })]);
    const first = await updateSubscription(URL_, undefined, { fetch, now: 1000, builtIns: SITE_EXTRACTORS });
    expect(first).toMatchObject({ ok: true, pack: { name: 'kling-v2-fix', version: '1.0.0', url: URL_, etag: '"v1"', checkedAt: 1000, updatedAt: 1000 } });
    expect(calls[0]?.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    const second = await updateSubscription(URL_, first.pack, { fetch, now: 2000, builtIns: SITE_EXTRACTORS });
    expect(calls[1]?.init.headers).toEqual({ 'if-none-match': '"v1"' });
    expect(second).toMatchObject({ ok: true, pack: { text: packText, checkedAt: 2000, updatedAt: 1000 } });
  });

  it('keeps the last good pack when an update fails, is refused or is too large, and says why', async () => {
    const good: StoredRulePack = { name: 'kling-v2-fix', version: '1.0.0', text: packText, url: URL_, etag: '"v1"', checkedAt: 0, updatedAt: 0 };
    const cases: [() => Response, string][] = [
      [() => new Response('not json'), 'not-json'],
      [() => new Response(JSON.stringify({ format: 'video-keeper-rules/1', name: 'x', version: '2', apps: [{ name: 'x', hosts: ['*'], endpoints: [] }] })), 'schema'],
      [() => new Response('x'.repeat(300 * 1024)), 'too-large'],
      [() => new Response('{}', { headers: { 'content-length': String(10 * 1024 * 1024) } }), 'too-large'],
      [() => new Response('gone', { status: 500 }), 'fetch'],
    ];
    for (const [response, type] of cases) {
      const { fetch } = server([response]);
      const result = await updateSubscription(URL_, good, { fetch, now: DAY, builtIns: SITE_EXTRACTORS });
      expect(result.ok, type).toBe(false);
      expect(result.pack).toMatchObject({ text: packText, version: '1.0.0', checkedAt: DAY, lastError: { type } });
    }
    // A first fetch that fails keeps nothing.
    const { fetch } = server([]);
    expect(await updateSubscription(URL_, undefined, { fetch, now: 1, builtIns: SITE_EXTRACTORS })).toMatchObject({ ok: false, error: { type: 'fetch' } });
  });

  it('fetches each subscription at most once a day; imported files never', async () => {
    const sub: StoredRulePack = { name: 'kling-v2-fix', version: '1.0.0', text: packText, url: URL_, checkedAt: 10, updatedAt: 10 };
    const file: StoredRulePack = { name: 'local', version: '1', text: packText, updatedAt: 0 };
    const { fetch } = server([() => new Response(null, { status: 304 })]);
    expect(await updateDueSubscriptions([file, sub], { fetch, now: 10 + DAY - 1, builtIns: SITE_EXTRACTORS })).toEqual([file, sub]);
    expect(fetch).not.toHaveBeenCalled();
    const updated = await updateDueSubscriptions([file, sub], { fetch, now: 10 + DAY, builtIns: SITE_EXTRACTORS });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(updated[1]).toMatchObject({ checkedAt: 10 + DAY });
  });
});
