import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoEntry } from '../../../src/store/video-entry';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { waitForFile } from '../../browser/wait-for-file';
import { LibraryPage } from '../pages/library-page';
import { startAnswerServer, type AnswerServer } from './support/answer-server';
import { putEntries, storedEntry } from './support/library-store';

/**
 * Whatever the library database holds, the popup renders it as text, shows links and media
 * only for http(s), loads covers without a referrer, and downloads every video under a name
 * the file system takes: hostile entries are written straight into IndexedDB and the popup
 * is used as a person would.
 */

let chromium: ExtensionBrowser;
let server: AnswerServer;
let downloadsDir: string;
let library: LibraryPage;

beforeAll(async () => {
  server = await startAnswerServer();
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-names-'));
  chromium = await launchChromiumWithExtension({ extensionPath: builtExtensionDir(), headless: true, downloadsDir });
  library = new LibraryPage(await chromium.openPopup());
  // The popup has opened (created) the database once its first render is there.
  await library.page.locator('p.empty').waitFor();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

const pwned = (page: Page): Promise<unknown> => page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned);

describe('hostile entries in the popup', () => {
  it('run no script, show no non-http(s) media or link, and load covers with no referrer', async () => {
    const media = (name: string): string => `${server.origin}/media/${name}`;
    const hostile: VideoEntry[] = [
      storedEntry({
        id: 'xss:1',
        prompt: '<img src=x onerror="globalThis.__pwned=1">',
        model: '<script>globalThis.__pwned=2</script>',
        site: '<svg onload="globalThis.__pwned=3">',
        coverUrl: 'javascript:globalThis.__pwned=4',
        videoUrl: 'javascript:globalThis.__pwned=5',
      }),
      storedEntry({
        id: 'xss:2',
        prompt: '\u202Egnp.exe <iframe src="javascript:globalThis.__pwned=6"></iframe>',
        coverUrl: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="globalThis.__pwned=7"/>',
        videoUrl: 'data:video/mp4;base64,AAAAIGZ0eXBpc29t',
      }),
      storedEntry({ id: 'xss:3', prompt: 'file links', coverUrl: 'file:///etc/passwd', videoUrl: 'file:///etc/passwd.mp4' }),
      storedEntry({ id: 'xss:4', prompt: 'a real cover', coverUrl: media('xss4_cover.jpeg'), videoUrl: media('xss4.mp4') }),
      storedEntry({ id: 'xss:5" onmouseover="globalThis.__pwned=8', prompt: 'an id that tries to leave its attribute', videoUrl: media('xss5.mp4') }),
      storedEntry({ id: 'xss:6', status: 'partial', partialReason: 'stream-error', prompt: 'partial', videoUrl: media('xss6.mp4') }),
      // Damaged: no version writes these values; the gallery still draws it, and the rest.
      { ...storedEntry({ id: 'xss:7', prompt: 'damaged' }), status: '<img src=x onerror="globalThis.__pwned=9">' as VideoEntry['status'], createdAt: 'yesterday' as unknown as number },
    ];
    await putEntries(library.page, hostile);
    await library.reload();
    await library.entries().first().waitFor();

    const page = library.page;
    await expect.poll(() => library.entries().count()).toBe(hostile.length);
    expect(await pwned(page)).toBeUndefined();
    // Nothing from the entries became an element.
    // The only SVGs are the cards' own icons (src/gallery/entry-icons.ts), drawn from fixed paths.
    expect(await page.locator('#app script, #app iframe, #app svg:not(.entry-icon), #app a, #app video, #app img[src="x"]').count()).toBe(0);
    expect(await page.locator('#app svg.entry-icon *:not(path)').count()).toBe(0);
    expect(await library.entry('xss:1').locator('.entry-prompt').textContent()).toBe(hostile[0]?.prompt);
    expect(await library.entry('xss:1').locator('.entry-model').textContent()).toBe(hostile[0]?.model);
    expect(await library.entry('xss:2').locator('.entry-prompt').getAttribute('dir')).toBe('auto');

    for (const id of ['xss:1', 'xss:2', 'xss:3']) {
      const row = library.entry(id);
      expect(await row.locator('img').count(), id).toBe(0);
      for (const action of ['download', 'copy', 'open']) expect(await row.locator(`[data-action="${action}"]`).isDisabled(), `${id} ${action}`).toBe(true);
    }
    // The only image is the http cover, fetched without a referrer.
    const images = page.locator('#app img');
    expect(await images.count()).toBe(1);
    expect(await images.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(await images.getAttribute('src')).toBe(media('xss4_cover.jpeg'));
    await expect.poll(() => server.mediaRequests.filter((request) => request.path === '/media/xss4_cover.jpeg').length).toBeGreaterThan(0);
    for (const request of server.mediaRequests) expect(request.headers.referer, request.path).toBeUndefined();

    // A partial entry downloads like a done one; an id full of quotes is still just an id.
    expect(await library.entry('xss:6').locator('[data-action="download"]').isDisabled()).toBe(false);
    const quoted = page.locator('li.entry').filter({ hasText: 'an id that tries to leave its attribute' });
    expect(await quoted.getAttribute('data-entry-id')).toBe(hostile[4]?.id);
    await quoted.hover();
    expect(await pwned(page)).toBeUndefined();
    await library.clear();
  });
});

const POPUP_BATCH = 50;

// What Chrome's downloads API, Windows, macOS or Linux refuse in a name, anywhere or at its ends.
const ILLEGAL = /[\p{Cc}\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}<>:"/\\|?*~%]/u;
const ILLEGAL_AT_ENDS = /^[\s.]|[\s.]$/u;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$) *(\.|$)/i;

function expectSafeFileName(name: string): void {
  expect(name, name).not.toMatch(ILLEGAL);
  expect(name, name).not.toMatch(ILLEGAL_AT_ENDS);
  expect(name, name).not.toContain('..');
  expect(name, name).not.toMatch(RESERVED);
  expect(name, name).toMatch(/\.mp4$/);
  expect(new TextEncoder().encode(name).length, name).toBeLessThan(255);
}

/** Prompts (and task ids) that broke a browser's or a file system's rules somewhere. */
function hostileNames(origin: string): VideoEntry[] {
  const ascii = Array.from({ length: 128 }, (_, code) => `ascii ${code.toString(16)} [${String.fromCharCode(code)}] end`);
  const prompts = [
    ...ascii,
    String.fromCharCode(...Array.from({ length: 128 }, (_, code) => code)),
    '..', '.', '...', '', '   ', 'CON', 'CON.mp4', 'con .txt', 'PRN', 'AUX', 'NUL', 'COM1', 'LPT9', 'COM¹', 'CONIN$', 'CLOCK$',
    '一只小狗在草地上奔跑'.repeat(30),
    '\u202Eevil\u202C.exe', 'a\u200bb\u200dc\ufeffd\u2066e\u2069',
    'trailing dots...', 'trailing dot and space. ', ' .. leading dots and spaces .. ',
    '../../etc/passwd', '..\\..\\Windows\\System32\\evil', 'slash/back\\slash:colon*star?"quote"<lt>|pipe',
    'tab\tand\nnewline\r\n', 'émoji 🐕👍🏽🏳️‍🌈', 'lone \ud800 surrogate \ufdd0 \uffff', 'e\u0301 vs é',
    'desktop.ini', 'x.lnk', 'a.url', 'PROGRA~1', '~$lock', '50% off 100%', '%00%2e%2e%2f', 'a'.repeat(300),
    '<script>alert(1)</script>', 'javascript:alert(1)', 'file:///etc/passwd', 'a\u3164b\u115fc\u2800d',
  ];
  const entries = prompts.map((prompt, index) =>
    storedEntry({ id: `name:${index}`, prompt, taskId: String(70_000 + index), videoUrl: `${origin}/media/name-${index}.mp4` }),
  );
  const taskIds = ['..', '../../x', 'CON', '\u202E123', 'a'.repeat(200), ' . '];
  return [
    ...entries,
    ...taskIds.map((taskId, index) =>
      storedEntry({ id: `task-id:${index}`, prompt: `hostile task id ${index}`, taskId, videoUrl: `${origin}/media/task-${index}.mp4` }),
    ),
  ];
}

describe('hostile file names', () => {
  it('download in the real browser under the sanitized name the background returned', async () => {
    const entries = hostileNames(server.origin);
    const saved: Array<{ id: string; name: string }> = [];
    const failed: Array<{ id: string; text: string }> = [];
    // The popup lists the newest 50: the corpus goes in batches that each fit on it.
    for (let start = 0; start < entries.length; start += POPUP_BATCH) {
      const batch = entries.slice(start, start + POPUP_BATCH);
      await library.clear();
      await putEntries(library.page, batch);
      await library.reload();
      await expect.poll(() => library.entries().count(), { timeout: 15_000 }).toBe(batch.length);
      for (const entry of batch) {
        const row = library.entry(entry.id);
        await row.locator('[data-action="download"]').click();
        const message = row.locator('.entry-message');
        await expect.poll(() => message.textContent(), { timeout: 10_000, interval: 20 }).toMatch(/^(Saved as |Download failed)/);
        const text = (await message.textContent()) ?? '';
        if (text.startsWith('Saved as ')) saved.push({ id: entry.id, name: text.slice('Saved as '.length) });
        else failed.push({ id: entry.id, text });
      }
    }
    expect(failed).toEqual([]);
    expect(saved).toHaveLength(entries.length);

    const sample = await readFile(new URL('../../fixtures/media/sample.mp4', import.meta.url));
    // The names the background returned are sanitized plain file names (the default template
    // has no folders), one per video.
    for (const { name } of saved) expectSafeFileName(name);
    expect(new Set(saved.map((item) => item.name)).size).toBe(saved.length);
    // Every file lands under that name (one look at the folder for all of them; the last one
    // waited for by name so a download still running is not mistaken for a finished one).
    await waitForFile(downloadsDir, saved.at(-1)?.name ?? '', { timeoutMs: 20_000 });
    await expect.poll(async () => {
      const present = new Set(await readdir(downloadsDir));
      return saved.filter((item) => !present.has(item.name)).map((item) => item.name);
    }, { timeout: 20_000 }).toEqual([]);
    for (const { name } of saved) expect((await stat(join(downloadsDir, name))).size, name).toBe(sample.length);
    // Nothing else was written: no `(1)` duplicates, no leftovers.
    expect((await readdir(downloadsDir)).sort()).toEqual(saved.map((item) => item.name).sort());
  });
});
