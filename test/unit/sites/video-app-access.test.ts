import { describe, expect, it } from 'vitest';
import type { ScriptingApi, SiteContentScript } from '../../../src/sites/site-access';
import { appScriptIds, createVideoAppAccess, parseAppsOff } from '../../../src/sites/video-app-access';
import { VIDEO_APP_MATCHES, VIDEO_APPS, videoAppOf, videoAppsOf } from '../../../src/sites/video-apps';
import { SITE_EXTRACTORS } from '../../../src/sites/extractors';

function fakeScripting(initial: SiteContentScript[] = []): ScriptingApi & { scripts: Map<string, SiteContentScript> } {
  const scripts = new Map(initial.map((script) => [script.id, script]));
  return {
    scripts,
    registerContentScripts: (list) => {
      for (const script of list) {
        if (scripts.has(script.id)) return Promise.reject(new Error(`Duplicate script ID '${script.id}'`));
        scripts.set(script.id, script);
      }
      return Promise.resolve();
    },
    unregisterContentScripts: (filter) => {
      for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
      return Promise.resolve();
    },
    getRegisteredContentScripts: (filter) =>
      Promise.resolve([...scripts.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id))),
  };
}

function access(scripting: ScriptingApi, stored?: unknown) {
  let value = stored;
  return {
    saved: () => value,
    access: createVideoAppAccess({ apps: VIDEO_APPS, scripting, store: { load: () => Promise.resolve(value), save: (names) => Promise.resolve(void (value = names)) } }),
  };
}

describe('video apps', () => {
  it('are one per site extractor, each declared as https://*.<host>/* (the host and its subdomains)', () => {
    expect(VIDEO_APPS.map((app) => app.name)).toEqual(SITE_EXTRACTORS.map((extractor) => extractor.name));
    for (const app of VIDEO_APPS) {
      expect(app.label).not.toBe(app.name);
      for (const pattern of app.matches) expect(pattern).toMatch(/^https:\/\/\*\.[a-z0-9.-]+\/\*$/);
    }
    expect(VIDEO_APP_MATCHES).not.toContain('<all_urls>');
    expect(videoAppOf('https://app.klingai.com/global/text-to-video')?.name).toBe('kling');
    expect(videoAppOf('https://klingai.com/')?.name).toBe('kling');
    expect(videoAppOf('http://klingai.com/')).toBeUndefined();
    expect(videoAppOf('https://notklingai.com/')).toBeUndefined();
    expect(videoAppsOf([])).toEqual([]);
  });

  it('sync registers both capture scripts of every app that is on, in the MAIN world for the page script, and none of one switched off', async () => {
    const scripting = fakeScripting();
    const { access: apps } = access(scripting, ['jimeng', 'nonsense']);
    await apps.sync();
    const ids = [...scripting.scripts.keys()].sort();
    expect(ids).toEqual(VIDEO_APPS.filter((app) => app.name !== 'jimeng').flatMap((app) => Object.values(appScriptIds(app.name))).sort());
    const kling = VIDEO_APPS.find((app) => app.name === 'kling')!;
    expect(scripting.scripts.get(appScriptIds('kling').page)).toMatchObject({ world: 'MAIN', runAt: 'document_start', allFrames: true, matches: kling.matches, js: ['content-scripts/capture-page.js'] });
    expect(scripting.scripts.get(appScriptIds('kling').relay)).toMatchObject({ matches: kling.matches, js: ['content-scripts/capture-relay.js'] });
    expect(scripting.scripts.get(appScriptIds('kling').relay)).not.toHaveProperty('world');
  });

  it('sync heals a half registration, re-registers stale matches and drops scripts of apps no longer known; user sites are left alone', async () => {
    const scripting = fakeScripting([
      { id: appScriptIds('kling').page, matches: ['https://*.klingai.com/*'] },
      { id: appScriptIds('sora').page, matches: ['https://old.example/*'] },
      { id: appScriptIds('sora').relay, matches: ['https://old.example/*'] },
      { id: 'app:page:gone', matches: [] },
      { id: 'site:page:https://example.com', matches: ['https://example.com/*'] },
    ]);
    await access(scripting).access.sync();
    expect(scripting.scripts.has('app:page:gone')).toBe(false);
    expect(scripting.scripts.has('site:page:https://example.com')).toBe(true);
    expect(scripting.scripts.get(appScriptIds('kling').relay)).toBeDefined();
    expect(scripting.scripts.get(appScriptIds('sora').page)?.matches).toEqual(VIDEO_APPS.find((app) => app.name === 'sora')?.matches);
  });

  it('set switches one app off and on, remembering it; an unknown app is refused', async () => {
    const scripting = fakeScripting();
    const { access: apps, saved } = access(scripting);
    await apps.sync();
    expect(await apps.set('sora', false)).toEqual({ ok: true });
    expect(saved()).toEqual(['sora']);
    expect(scripting.scripts.has(appScriptIds('sora').page)).toBe(false);
    expect(await apps.isOn('sora')).toBe(false);
    expect((await apps.list()).find((app) => app.name === 'sora')?.on).toBe(false);
    expect(await apps.set('sora', true)).toEqual({ ok: true });
    expect(saved()).toEqual([]);
    expect(scripting.scripts.has(appScriptIds('sora').relay)).toBe(true);
    expect(await apps.set('nope', true)).toMatchObject({ ok: false });
  });

  it('reads the stored switches defensively', () => {
    expect(parseAppsOff('x', VIDEO_APPS)).toEqual([]);
    expect(parseAppsOff(['sora', 'sora', 3, 'evil'], VIDEO_APPS)).toEqual(['sora']);
  });
});
