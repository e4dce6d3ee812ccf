import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const NOW = Date.UTC(2025, 2, 25, 12, 0, 0);
const MINUTE = 60_000;

/**
 * `chrome.i18n` as a browser with `uiLanguage` has it: the catalog of `locale` (the one the
 * browser picked), placeholders filled the way Chrome documents.
 */
function fakeI18n(locale: 'en' | 'zh_CN', uiLanguage: string) {
  const catalog = JSON.parse(
    readFileSync(new URL(`../../../assets/public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'),
  ) as Catalog;
  return {
    getUILanguage: () => uiLanguage,
    getMessage(name: string, substitutions: string[] = []): string {
      const entry = catalog[name];
      if (!entry) return '';
      return entry.message.replace(/\$(\w+)\$/g, (whole, placeholder: string) =>
        (entry.placeholders?.[placeholder.toLowerCase()]?.content ?? whole).replace(
          /\$(\d)/g,
          (_match, digit: string) => substitutions[Number(digit) - 1] ?? '',
        ),
      );
    },
  };
}

/** The modules as a page of the extension loads them in a browser speaking `uiLanguage`. */
async function inBrowser(locale: 'en' | 'zh_CN', uiLanguage: string) {
  vi.resetModules();
  vi.stubGlobal('chrome', { i18n: fakeI18n(locale, uiLanguage) });
  return {
    i18n: await import('../../../src/i18n/t'),
    format: await import('../../../src/gallery/format-entry'),
    storage: await import('../../../src/gallery/storage-messages'),
    download: await import('../../../src/download/download-entry'),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('uiLocale', () => {
  it('is en outside the extension', async () => {
    vi.resetModules();
    const { uiLocale } = await import('../../../src/i18n/t');
    expect(uiLocale()).toBe('en');
  });

  it.each([
    ['zh-CN', 'zh_CN', 'zh-CN'],
    ['zh_CN', 'zh_CN', 'zh-CN'],
    ['en-US', 'en', 'en-US'],
    ['en-GB', 'en', 'en-GB'],
    // No catalog of theirs: the browser shows the English words, and the times match them.
    ['fr', 'en', 'en'],
    ['zh-TW', 'en', 'en'],
    ['', 'en', 'en'],
    ['not a language tag', 'en', 'en'],
    ['en-!!', 'en', 'en'],
    // Headless Chromium with --lang=zh-CN: Chinese words, an English UI language.
    ['en-US', 'zh_CN', 'zh-CN'],
  ] as const)('is %j → %s catalog → %s', async (uiLanguage, catalog, locale) => {
    const { i18n } = await inBrowser(catalog, uiLanguage);
    expect(i18n.uiLocale()).toBe(locale);
  });
});

describe('in a browser that speaks Chinese', () => {
  it('labels entries, reasons and times in Chinese', async () => {
    const { format } = await inBrowser('zh_CN', 'zh-CN');
    expect(format.statusLabel({ status: 'generating', progress: 6 })).toBe('生成中 · 🔥×6');
    expect(format.statusLabel({ status: 'generating', progress: 0 })).toBe('生成中…');
    expect(format.statusLabel({ status: 'done', progress: 6 })).toBe('完成');
    expect(format.statusLabel({ status: 'partial', progress: 6 })).toBe('视频已保存 · 回答仍在输出');
    expect(format.statusLabel({ status: 'partial', progress: 6, partialReason: 'truncated' })).toBe(
      '部分完成 · 回答过长，已在大小上限处截断；后续视频可能缺失',
    );
    expect(format.statusLabel({ status: 'failed', progress: 0 })).toBe('失败 · 原因未知');
    expect(format.statusLabel({ status: 'failed', progress: 0, failureReason: 'stream-error' })).toBe('失败 · 视频到达前数据流已中断');
    expect(format.formatRelativeTime(NOW - 30_000, NOW)).toBe('刚刚');
    expect(format.formatRelativeTime(NOW - 5 * MINUTE, NOW)).toBe('5分钟前');
    expect(format.formatRelativeTime(NOW - 25 * 60 * MINUTE, NOW)).toBe('昨天');
  });

  it('says what waits to be saved and why, one count or many alike', async () => {
    const { storage } = await inBrowser('zh_CN', 'zh-CN');
    const full = 'QuotaExceededError: full';
    expect(storage.backlogNoticeText({ updates: [{ id: 'a' }] as never, error: full })).toBe(
      '有 1 项捕获的更改尚未保存：浏览器已没有存储空间（QuotaExceededError: full）。Video Keeper 会保留这些更改并重试；请释放一些磁盘空间。',
    );
    expect(storage.backlogNoticeText({ updates: [{ id: 'a' }, { id: 'b' }] as never, error: 'Error: boom' })).toBe(
      '有 2 项捕获的更改尚未保存：Error: boom。Video Keeper 会保留这些更改并重试。',
    );
    expect(storage.libraryReadErrorText(new Error('boom'))).toBe('无法读取视频库：Error: boom。请关闭并重新打开弹出窗口重试。');
  });

  it('explains a download that cannot start in Chinese', async () => {
    const { download } = await inBrowser('zh_CN', 'zh-CN');
    expect(await download.downloadEntry(undefined, { download: () => Promise.resolve(1) })).toEqual({
      ok: false,
      error: '此视频已不在视频库中。',
    });
  });

  it('marks the page as Chinese and fills its text', async () => {
    const { i18n } = await inBrowser('zh_CN', 'zh-CN');
    const { document } = parseHTML(
      '<!doctype html><html lang="en"><body><h1 data-i18n="settingsTitle">Video Keeper settings</h1>' +
        '<section data-i18n-attr="aria-label:thisSite"></section></body></html>',
    );
    i18n.localizePage(document);
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.querySelector('h1')?.textContent).toBe('Video Keeper 设置');
    expect(document.querySelector('section')?.getAttribute('aria-label')).toBe('当前网站');
  });
});

describe('in a browser whose language has no catalog', () => {
  it('keeps words and times in English together', async () => {
    const { i18n, format } = await inBrowser('en', 'fr-FR');
    expect(format.formatRelativeTime(NOW - 5 * MINUTE, NOW)).toBe('5 minutes ago');
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    i18n.localizePage(document);
    expect(document.documentElement.lang).toBe('en');
  });
});
