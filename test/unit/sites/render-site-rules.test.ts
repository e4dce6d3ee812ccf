import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { SITE_EXTRACTORS } from '@/src/sites/extractors';
import { renderSiteRules } from '@/src/sites/render-site-rules';
import type { StoredRulePack } from '@/src/sites/rules/rule-pack-store';

const packText = readFileSync('test/fixtures/site-rules/kling-v2-fix.pack.json', 'utf8');

function setup(granted = true) {
  const { document } = parseHTML('<!doctype html><html><body><div id="rules"></div></body></html>');
  const root = document.getElementById('rules')!;
  let packs: StoredRulePack[] = [];
  const deps = {
    load: vi.fn(async () => packs),
    save: vi.fn(async (next: StoredRulePack[]) => {
      packs = next;
    }),
    builtIns: SITE_EXTRACTORS,
    request: vi.fn(async () => granted),
    contains: vi.fn(async () => false),
    fetch: vi.fn(async () => new Response(packText, { headers: { etag: '"e1"' } })),
    now: () => 1_700_000_000_000,
  };
  const choose = (text: string) => {
    const input = root.querySelector<HTMLInputElement>('#site-rules-file')!;
    Object.defineProperty(input, 'files', { value: [new File([text], 'pack.json')], configurable: true });
    input.dispatchEvent(new document.defaultView!.Event('change'));
  };
  const status = () => root.querySelector('.site-rules-status')?.textContent ?? '';
  return { root, deps, choose, status, packs: () => packs };
}

describe('Options → Site rules', () => {
  it('imports a pack from a file and lists what it overrides', async () => {
    const { root, deps, choose, status, packs } = setup();
    await renderSiteRules(root, deps);
    expect(root.textContent).toContain('No rule packs');
    choose(packText);
    await vi.waitFor(() => expect(status()).toBe('Rule pack kling-v2-fix 1.0.0 is in use.'));
    expect(packs()).toMatchObject([{ name: 'kling-v2-fix', version: '1.0.0', text: packText }]);
    await vi.waitFor(() => expect(root.querySelector('li[data-app="kling"]')?.textContent).toContain('2 endpoints'));
  });

  it('refuses a bad pack with its reason and stores nothing', async () => {
    const { root, deps, choose, status } = setup();
    await renderSiteRules(root, deps);
    choose('{"format":"video-keeper-rules/1","name":"x","version":"1","apps":[{"name":"x","hosts":["com"],"endpoints":[{"name":"a","method":"GET","path":"/a","read":{"generic":true}}]}]}');
    await vi.waitFor(() => expect(status()).toMatch(/^Rule pack refused, nothing changed: a host would match/));
    choose('not json');
    await vi.waitFor(() => expect(status()).toMatch(/it is not JSON/));
    expect(deps.save).not.toHaveBeenCalled();
  });

  it('subscribes by https URL after asking for that origin, and stores the ETag; refused permission changes nothing', async () => {
    const { root, deps, status, packs } = setup();
    await renderSiteRules(root, deps);
    root.querySelector<HTMLInputElement>('#site-rules-url')!.value = 'https://rules.example.org/kling.json';
    root.querySelector<HTMLButtonElement>('#site-rules-subscribe')!.click();
    await vi.waitFor(() => expect(status()).toContain('Subscribed'));
    expect(deps.request).toHaveBeenCalledWith(['https://rules.example.org/*']);
    expect(packs()).toMatchObject([{ name: 'kling-v2-fix', url: 'https://rules.example.org/kling.json', etag: '"e1"' }]);

    const denied = setup(false);
    await renderSiteRules(denied.root, denied.deps);
    denied.root.querySelector<HTMLInputElement>('#site-rules-url')!.value = 'https://rules.example.org/kling.json';
    denied.root.querySelector<HTMLButtonElement>('#site-rules-subscribe')!.click();
    await vi.waitFor(() => expect(denied.status()).toContain('did not allow'));
    expect(denied.deps.fetch).not.toHaveBeenCalled();
    expect(denied.deps.save).not.toHaveBeenCalled();
  });
});
