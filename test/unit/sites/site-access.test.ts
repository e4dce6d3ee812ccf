import { describe, expect, it } from 'vitest';
import {
  createSiteAccess,
  matchesPattern,
  parseEnabledSites,
  siteOrigin,
  siteScriptIds,
  type PermissionsApi,
  type ScriptingApi,
  type SiteContentScript,
} from '../../../src/sites/site-access';

function fakes(granted: string[] = []) {
  const registered = new Map<string, SiteContentScript>();
  const origins = new Set(granted);
  const scripting: ScriptingApi = {
    async registerContentScripts(scripts) {
      for (const script of scripts) {
        // Chrome rejects a duplicate id, and registers none of the batch.
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
      }
      for (const script of scripts) registered.set(script.id, script);
    },
    async unregisterContentScripts(filter) {
      for (const id of filter?.ids ?? [...registered.keys()]) {
        if (!registered.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
      }
    },
    async getRegisteredContentScripts(filter) {
      return [...registered.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id));
    },
  };
  const permissions: PermissionsApi = {
    async contains({ origins: wanted }) {
      return wanted.every((origin) => origins.has(origin));
    },
    async remove({ origins: removed }) {
      for (const origin of removed) origins.delete(origin);
      return true;
    },
  };
  let stored: unknown = [];
  const store = {
    load: async () => parseEnabledSites(stored),
    save: async (list: string[]) => {
      stored = list;
    },
  };
  return { registered, origins, store, access: createSiteAccess({ scripting, permissions, store }) };
}

describe('siteOrigin and matchesPattern', () => {
  it('keeps scheme and host, drops the port, refuses non-web pages', () => {
    expect(siteOrigin('https://chat.example.com:8443/c/1?q=1')).toBe('https://chat.example.com');
    expect(siteOrigin('http://[::1]:3000/')).toBe('http://[::1]');
    expect(siteOrigin('chrome://extensions/')).toBeUndefined();
    expect(siteOrigin('file:///tmp/a.html')).toBeUndefined();
    expect(siteOrigin('not a url')).toBeUndefined();
  });

  it('matches the pattern shapes of the default sites', () => {
    expect(matchesPattern('*://localhost/*', 'http://localhost:3000/chat')).toBe(true);
    expect(matchesPattern('*://localhost/*', 'https://localhost/')).toBe(true);
    expect(matchesPattern('https://chatglm.cn/*', 'http://chatglm.cn/')).toBe(false);
    expect(matchesPattern('https://chatglm.cn/*', 'https://evilchatglm.cn/')).toBe(false);
    expect(matchesPattern('https://*.example.com/*', 'https://a.example.com/')).toBe(true);
    expect(matchesPattern('*://[::1]/*', 'http://[::1]:8080/')).toBe(true);
  });
});

describe('createSiteAccess', () => {
  it('reports default, unsupported and disabled sites', async () => {
    const { access } = fakes();
    await expect(access.status('http://127.0.0.1:8787/chat')).resolves.toEqual({ state: 'default', origin: 'http://127.0.0.1' });
    await expect(access.status('chrome://newtab/')).resolves.toEqual({ state: 'unsupported' });
    await expect(access.status('https://chat.example.com/c/1')).resolves.toEqual({
      state: 'disabled',
      origin: 'https://chat.example.com',
      pattern: 'https://chat.example.com/*',
    });
  });

  it('refuses to enable a site whose permission was not granted', async () => {
    const { access, registered } = fakes();
    const result = await access.enable('https://chat.example.com');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('allow it when the browser asks') as string });
    expect(registered.size).toBe(0);
  });

  it('registers both capture scripts like the manifest declares them, persisted, with ids from the origin', async () => {
    const { access, registered } = fakes(['https://chat.example.com/*']);
    await expect(access.enable('https://chat.example.com')).resolves.toEqual({ ok: true });
    const ids = siteScriptIds('https://chat.example.com');
    expect(registered.get(ids.page)).toEqual({
      id: ids.page,
      matches: ['https://chat.example.com/*'],
      js: ['content-scripts/capture-page.js'],
      world: 'MAIN',
      runAt: 'document_start',
      allFrames: true,
      persistAcrossSessions: true,
    });
    expect(registered.get(ids.relay)).toMatchObject({
      matches: ['https://chat.example.com/*'],
      js: ['content-scripts/capture-relay.js'],
      runAt: 'document_start',
      allFrames: true,
      persistAcrossSessions: true,
    });
    expect(registered.get(ids.relay)?.world).toBeUndefined();
    await expect(access.status('https://chat.example.com/c/2')).resolves.toEqual({ state: 'enabled', origin: 'https://chat.example.com' });
    await expect(access.list()).resolves.toEqual(['https://chat.example.com']);
  });

  it('enables twice, or over a half-registered site, without a duplicate-id error', async () => {
    const { access, registered } = fakes(['https://a.example/*']);
    await access.enable('https://a.example');
    registered.delete(siteScriptIds('https://a.example').relay);
    await expect(access.enable('https://a.example')).resolves.toEqual({ ok: true });
    await expect(access.enable('https://a.example')).resolves.toEqual({ ok: true });
    expect(registered.size).toBe(2);
  });

  it('disables: removes both scripts and the permission, leaves other sites', async () => {
    const { access, registered, origins } = fakes(['https://a.example/*', 'https://b.example/*']);
    await access.enable('https://a.example');
    await access.enable('https://b.example');
    await expect(access.disable('https://a.example')).resolves.toEqual({ ok: true });
    expect([...registered.keys()].sort()).toEqual(Object.values(siteScriptIds('https://b.example')).sort());
    expect([...origins]).toEqual(['https://b.example/*']);
    await expect(access.list()).resolves.toEqual(['https://b.example']);
  });

  it('refuses origins that are not plain web origins', async () => {
    const { access } = fakes(['https://a.example/*']);
    await expect(access.enable('https://a.example/path')).resolves.toMatchObject({ ok: false });
    await expect(access.disable('javascript:alert(1)')).resolves.toMatchObject({ ok: false });
  });

  it('registers the stored sites again at start (Chrome dropped them) and forgets those without a permission', async () => {
    const { access, registered, origins } = fakes(['https://a.example/*', 'https://b.example/*']);
    await access.enable('https://a.example');
    await access.enable('https://b.example');
    registered.clear();
    origins.delete('https://b.example/*');
    await access.sync();
    expect([...registered.keys()].sort()).toEqual(Object.values(siteScriptIds('https://a.example')).sort());
    await expect(access.list()).resolves.toEqual(['https://a.example']);
    await access.sync();
    expect(registered.size).toBe(2);
  });

  it('reads only valid origins from storage', () => {
    expect(parseEnabledSites(['https://a.example', 'https://a.example/x', 5, 'javascript:1'])).toEqual(['https://a.example']);
    expect(parseEnabledSites({})).toEqual([]);
  });

  it('reports a site whose permission the user took back as disabled', async () => {
    const { access, origins } = fakes(['https://a.example/*']);
    await access.enable('https://a.example');
    origins.clear();
    await expect(access.status('https://a.example/')).resolves.toMatchObject({ state: 'disabled' });
  });
});
