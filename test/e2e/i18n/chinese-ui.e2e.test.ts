import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { seedLibrary } from '../gallery/pages/gallery-page';

let chromium: ExtensionBrowser;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'video-keeper-zh-'));
  // chrome.i18n (getMessage and getUILanguage) follows --lang in headless Chromium.
  chromium = await launchChromiumWithExtension({
    extensionPath: builtExtensionDir(),
    headless: true,
    downloadsDir: folder,
    extraArgs: ['--lang=zh-CN'],
  });
});

afterAll(async () => {
  await chromium?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('a browser that speaks Chinese', () => {
  it('shows status lines and times in Chinese in the popup', async () => {
    const popup = await chromium.openPopup();
    // Six entries, one of each seeded status, captured a little over five minutes ago.
    await seedLibrary(popup, { count: 6, mediaOrigin: 'http://127.0.0.1:9', now: Date.now() - 5 * 60_000 - 10_000 });
    await popup.reload();
    await expect.poll(() => popup.locator('li.entry').count()).toBe(6);
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const status = (which: string) => popup.locator(`li.entry[data-status="${which}"] .entry-status`).first().textContent();
    expect(await status('generating')).toBe('生成中 · 🔥×3');
    expect(await status('failed')).toBe('失败 · 回答已结束但没有视频（模型出错或超时）');
    expect(await status('partial')).toBe('视频已保存 · 回答仍在输出');
    expect(await status('done')).toBe('完成');
    expect(await popup.locator('li.entry time').first().textContent()).toBe('5分钟前');
  });

  it('says in Chinese why a file cannot be imported', async () => {
    const options = await chromium.context.newPage();
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    const file = join(folder, 'notes.json');
    await writeFile(file, '{"notes": []}');
    await options.locator('input[data-action="import-library"]').setInputFiles(file);
    await expect
      .poll(() => options.locator('.library-status').textContent())
      .toBe('这不是 Video Keeper 视频库文件（可在设置页导出）。');
    expect(await options.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });
});
