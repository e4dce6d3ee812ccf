import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createSiteRulePacks } from '@/src/background/site-rule-packs';
import { findSiteEndpoint, SITE_EXTRACTORS } from '@/src/sites/extractors';
import type { StoredRulePack } from '@/src/sites/rules/rule-pack-store';
import type { SiteContentScript } from '@/src/sites/site-access';

const fixPack = readFileSync('test/fixtures/site-rules/kling-v2-fix.pack.json', 'utf8');
const addPack = JSON.stringify({
  format: 'video-keeper-rules/1',
  name: 'new-apps',
  version: '2',
  apps: [{ name: 'clipmaker', label: 'ClipMaker', hosts: ['clipmaker.example'], endpoints: [{ name: 'task', method: 'GET', path: '/api/task/*', read: { generic: true } }] }],
});

function setup(stored: StoredRulePack[], granted: boolean) {
  let scripts: SiteContentScript[] = [{ id: 'rules:page:gone', matches: ['https://*.gone.example/*'] }, { id: 'app:page:kling' }];
  const scripting = {
    registerContentScripts: vi.fn(async (added: SiteContentScript[]) => {
      scripts = [...scripts, ...added];
    }),
    unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
      scripts = scripts.filter((script) => !filter?.ids?.includes(script.id));
    }),
    getRegisteredContentScripts: vi.fn(async () => scripts),
  };
  const scheduleChecks = vi.fn();
  const packs = createSiteRulePacks({
    builtIns: SITE_EXTRACTORS,
    storage: { load: async () => stored, save: vi.fn(async () => {}) },
    scripting,
    permissions: { contains: async () => granted },
    fetch: vi.fn(),
    now: () => 0,
    log: vi.fn(),
    scheduleChecks,
  });
  return { packs, scripts: () => scripts.map((script) => script.id).sort(), scheduleChecks };
}

describe('the background’s rule packs', () => {
  it('lays the stored packs over the built-ins and registers an added app’s scripts once its hosts are granted', async () => {
    const { packs, scripts, scheduleChecks } = setup(
      [
        { name: 'kling-v2-fix', version: '1.0.0', text: fixPack, updatedAt: 0 },
        { name: 'new-apps', version: '2', text: addPack, updatedAt: 0, url: 'https://rules.example.org/a.json' },
      ],
      true,
    );
    expect(findSiteEndpoint('klingai.kuaishou.com', 'GET', 'https://klingai.kuaishou.com/api/v2/task/status', packs.extractors())).toBeUndefined();
    await packs.reload();
    expect(findSiteEndpoint('klingai.kuaishou.com', 'GET', 'https://klingai.kuaishou.com/api/v2/task/status', packs.extractors())?.endpoint.rule).toBe('kling-v2-fix 1.0.0');
    expect(findSiteEndpoint('www.clipmaker.example', 'GET', 'https://api.clipmaker.example/api/task/1', packs.extractors())?.endpoint.generic).toBe(true);
    expect(scripts()).toEqual(['app:page:kling', 'rules:page:clipmaker', 'rules:relay:clipmaker']);
    expect(scheduleChecks).toHaveBeenCalledWith(true);
  });

  it('registers nothing without the permission, drops stale scripts, and leaves a pack that no longer reads unused', async () => {
    const { packs, scripts, scheduleChecks } = setup(
      [
        { name: 'new-apps', version: '2', text: addPack, updatedAt: 0 },
        { name: 'broken', version: '1', text: '{', updatedAt: 0 },
      ],
      false,
    );
    await packs.reload();
    expect(scripts()).toEqual(['app:page:kling']);
    expect(packs.extractors().map((extractor) => extractor.name)).toEqual([...SITE_EXTRACTORS.map((extractor) => extractor.name), 'clipmaker']);
    expect(scheduleChecks).toHaveBeenCalledWith(false);
  });
});
