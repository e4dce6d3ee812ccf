import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '@/wxt.config';
import {
  justificationProblems,
  justifyHost,
  listingProblems,
  manifestAccess,
  parseJustifications,
  STORE_LIMITS,
  STORE_LOCALES,
  textProblems,
  type ManifestAccess,
} from '@/scripts/store-listing';

const ROOT = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');
const table = parseJustifications(JSON.parse(read('store/permissions.json')));
const BROWSERS = ['chrome', 'firefox'] as const;

interface ContentScriptDefinition {
  matches?: string[];
}

/**
 * The manifest WXT would write for `browser`, without a build: wxt.config.ts's manifest plus every
 * content script's matches (entrypoints/*.content.ts, read from the modules themselves so a new
 * site list or a new content script is seen as soon as it is written).
 */
async function computedManifest(browser: (typeof BROWSERS)[number]): Promise<Record<string, unknown>> {
  const source = config.manifest;
  const manifest = (typeof source === 'function'
    ? await source({ browser, manifestVersion: 3, mode: 'production', command: 'build' })
    : await source) as Record<string, unknown>;
  const files = readdirSync(new URL('entrypoints/', ROOT), { recursive: true, encoding: 'utf8' }).filter((file) =>
    /(^|\/)[^/]+\.content(\.ts|\/index\.ts)$/.test(file),
  );
  expect(files.length, 'no content scripts found under entrypoints/').toBeGreaterThan(0);
  const contentScripts = await Promise.all(
    files.map(async (file) => {
      const module = (await import(/* @vite-ignore */ new URL(`entrypoints/${file}`, ROOT).href)) as { default: ContentScriptDefinition };
      return { matches: module.default.matches ?? [] };
    }),
  );
  return { ...manifest, content_scripts: contentScripts };
}

describe('permission justifications (store/permissions.json)', () => {
  it.each(BROWSERS)('justify every permission and host of the %s manifest, in en and zh_CN', async (browser) => {
    const access = manifestAccess(await computedManifest(browser));
    // The computed manifest really holds what the stores will list.
    expect(access.permissions).toEqual(expect.arrayContaining(['downloads', 'storage', 'scripting', 'notifications']));
    expect(access.hosts).toEqual(expect.arrayContaining(['*://localhost/*', '*://*/*', 'https://chatgpt.com/*']));
    expect(justificationProblems(access, table)).toEqual([]);
  });

  it('has a line for what is being added (contextMenus, the video apps), so a merged build passes', () => {
    const upcoming: ManifestAccess = {
      permissions: ['contextMenus', 'menus'],
      hosts: [
        'https://chatglm.cn/*', 'https://*.chatglm.cn/*', 'https://jimeng.jianying.com/*', 'https://dreamina.capcut.com/*',
        'https://klingai.com/*', 'https://*.klingai.com/*', 'https://klingai.kuaishou.com/*', 'https://sora.chatgpt.com/*',
        'https://hailuoai.video/*', 'https://*.hailuoai.video/*', 'https://hailuoai.com/*', 'https://*.hailuoai.com/*',
        'https://vidu.com/*', 'https://*.vidu.com/*', 'https://vidu.cn/*', 'https://*.vidu.cn/*', 'https://app.pixverse.ai/*',
      ],
    };
    expect(justificationProblems(upcoming, table)).toEqual([]);
  });

  it('fails for a permission or a host nobody justified', () => {
    const access = manifestAccess({
      permissions: ['storage', 'tabs'],
      optional_host_permissions: ['https://example.com/*'],
      content_scripts: [{ matches: ['https://*.unknown-video.app/*', '*://localhost/*'] }],
    });
    expect(justificationProblems(access, table)).toEqual([
      'permission "tabs" has no justification in store/permissions.json',
      'host "https://*.unknown-video.app/*" has no justification in store/permissions.json',
      'host "https://example.com/*" has no justification in store/permissions.json',
    ]);
  });

  it('justifies a host by its site, so a new subdomain of a known site needs no new line', () => {
    expect(justifyHost('https://*.vidu.com/*', table)).toBe(table.hosts['vidu.com']);
    expect(justifyHost('https://www.vidu.com/*', table)).toBe(table.hosts['vidu.com']);
    expect(justifyHost('https://sora.chatgpt.com/*', table)).toBe(table.hosts['sora.chatgpt.com']);
    expect(justifyHost('*://[::1]/*', table)).toBe(table.hosts['[::1]']);
    expect(justifyHost('*://*/*', table)).toBe(table.hosts['*']);
    // A named site never falls back to the any-host line, nor a lookalike to a real site.
    expect(justifyHost('https://vidu.com.evil.example/*', table)).toBeUndefined();
    expect(justifyHost('https://com/*', table)).toBeUndefined();
    expect(justifyHost('not a pattern', table)).toBeUndefined();
  });

  it('fails for a justification that is empty, over 1000 characters or more than one line', () => {
    const bad = parseJustifications({
      permissions: { storage: { en: 'x'.repeat(STORE_LIMITS.justification + 1), zh_CN: 'a\nb' }, downloads: { en: ' ', zh_CN: '下载' } },
      hosts: {},
    });
    expect(justificationProblems({ permissions: ['downloads', 'storage'], hosts: [] }, bad)).toEqual([
      'permission "downloads" (en) is empty',
      'permission "storage" (en) is 1001 characters, over the limit of 1000',
      'permission "storage" (zh_CN) is more than one line',
    ]);
    expect(() => parseJustifications({ permissions: { storage: { en: 'only English' } } })).toThrow(/storage has no zh_CN line/);
  });
});

describe('listing texts (store/<locale>/)', () => {
  const texts = (locale: string) => ({
    name: read(`store/${locale}/name.txt`).trim(),
    summary: read(`store/${locale}/summary.txt`).trim(),
    description: read(`store/${locale}/description.txt`).trim(),
    singlePurpose: read(`store/${locale}/single-purpose.txt`).trim(),
    dataUse: read(`store/${locale}/data-use.md`).trim(),
  });

  it.each(STORE_LOCALES)('%s is complete and within the stores\' limits', (locale) => {
    expect(listingProblems(locale, texts(locale))).toEqual([]);
  });

  it('fails for a summary over 132 characters or a name over 45', () => {
    const long = { ...texts('en'), name: 'N'.repeat(46), summary: 's'.repeat(133) };
    expect(listingProblems('en', long)).toEqual([
      'en/name.txt is 46 characters, over the limit of 45',
      'en/summary.txt is 133 characters, over the limit of 132',
    ]);
    expect(textProblems('summary', 's'.repeat(STORE_LIMITS.amoSummary + 1), STORE_LIMITS.amoSummary)).toHaveLength(1);
  });

  it('keeps the manifest\'s own name and description (the _locales catalogs) within the limits, and the listing names the same', () => {
    for (const locale of STORE_LOCALES) {
      const catalog = JSON.parse(read(`assets/public/_locales/${locale}/messages.json`)) as Record<string, { message: string }>;
      expect(textProblems(`${locale} extName`, catalog.extName?.message, STORE_LIMITS.manifestName, true)).toEqual([]);
      expect(textProblems(`${locale} extDescription`, catalog.extDescription?.message, STORE_LIMITS.summary, true)).toEqual([]);
      expect(texts(locale).name).toBe(catalog.extName?.message);
    }
  });

  it('says in every language that nothing is collected and no remote code runs', () => {
    expect(texts('en').dataUse).toMatch(/## What is collected\n- Nothing\./);
    expect(texts('en').dataUse).toMatch(/## Remote code\n- No\./);
    expect(texts('zh_CN').dataUse).toMatch(/## 收集什么\n- 不收集任何数据。/);
    expect(texts('zh_CN').dataUse).toMatch(/## 远程代码\n- 否。/);
  });
});

// The built manifests (version, justifications) are checked by test/e2e/release/, after the builds.
describe('the version', () => {
  const { version } = JSON.parse(read('package.json')) as { version: string };

  it.each(BROWSERS)('comes from package.json alone: the %s manifest of wxt.config.ts sets none', async (browser) => {
    const manifest = await computedManifest(browser);
    expect(manifest).not.toHaveProperty('version');
    expect(manifest).not.toHaveProperty('version_name');
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
