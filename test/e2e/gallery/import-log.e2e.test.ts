import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { seedExpected } from '../../support/seed';
import { harOf } from '../../support/site-har';
import { loadSiteExpectation, loadSiteFixture } from '../../unit/sites/extractors/site-fixtures';
import { replaceStoredEntries } from '../pages/library-idb';
import { LibraryPage } from '../pages/library-page';

const pretty = fileURLToPath(new URL('../../fixtures/streams/cogvideo-dog.pretty.txt', import.meta.url));
const expected = seedExpected.videos[0]!;

let chromium: ExtensionBrowser;
let downloadsDir: string;

beforeAll(async () => {
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-import-'));
  chromium = await launchChromiumWithExtension({ extensionPath: builtExtensionDir(), headless: true, downloadsDir });
});

afterAll(async () => {
  await chromium?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

describe('importing a saved chat log from the options page', () => {
  it("turns the seed's pretty-printed log into the seed's entry", async () => {
    const library = new LibraryPage(await chromium.openPopup());
    await library.clear();
    const options = await chromium.context.newPage();
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    await options.locator('input[data-action="import-library"]').setInputFiles(pretty);
    await expect.poll(() => options.locator('.library-status').textContent()).toContain('1');

    const entry = await library.waitForEntry((item) => item.status === 'done');
    expect(entry).toMatchObject({
      id: `task:${expected.taskId}:0`,
      videoUrl: expected.video,
      coverUrl: expected.cover,
      prompt: expected.prompt,
      taskId: expected.taskId,
    });
    expect(await library.storedEntries()).toHaveLength(1);
  });

  it('reads a HAR saved on Vidu as a live capture does (cover, prompt, task id), stored by the background', async () => {
    const library = new LibraryPage(await chromium.openPopup());
    await library.clear();
    const har = join(downloadsDir, 'www.vidu.com.har');
    await writeFile(har, harOf(loadSiteExpectation('vidu').sequence.map((name) => loadSiteFixture('vidu', name))));
    const options = await chromium.context.newPage();
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    await options.locator('input[data-action="import-library"]').setInputFiles(har);
    const done = loadSiteExpectation('vidu').entries.filter((entry) => entry.status === 'done');
    await expect.poll(async () => (await library.storedEntries()).filter((entry) => entry.status === 'done').length).toBe(done.length);
    expect(await options.locator('.library-status').textContent()).toContain('4');
    const stored = await library.storedEntries();
    for (const expected of done) {
      expect(stored).toContainEqual(
        expect.objectContaining({ taskId: expected.taskId, videoUrl: expected.videoUrl, coverUrl: expected.coverUrl, prompt: expected.prompt, source: 'site' }),
      );
    }
    await options.close();
  });

  it('imports the good entries of a poisoned library file, and the popup and the gallery draw them', async () => {
    const library = new LibraryPage(await chromium.openPopup());
    await library.clear();
    const at = Date.UTC(2026, 0, 2);
    const good = (id: string) => ({
      id,
      status: 'done',
      progress: 0,
      videoUrl: `https://cdn.example/${id}.mp4`,
      prompt: `good ${id}`,
      site: 'https://chat.example',
      pageUrl: 'https://chat.example/c/1',
      endpointUrl: 'https://chat.example/v1/chat/completions',
      index: 0,
      createdAt: at,
      updatedAt: at,
    });
    const file = join(downloadsDir, 'poisoned-library.json');
    const entries = [good('a'), { ...good('poison'), createdAt: 1e300 }, good('b'), { ...good('huge'), durationMs: 1e300 }];
    await writeFile(file, JSON.stringify({ format: 'video-keeper-library', version: 1, exportedAt: at, entries }));
    const options = await chromium.context.newPage();
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    await options.locator('input[data-action="import-library"]').setInputFiles(file);
    await expect.poll(() => options.locator('.library-status').textContent()).toBe('Imported 2 videos; skipped 2 broken entries.');
    expect((await library.storedEntries()).map((entry) => entry.id).sort()).toEqual(['a', 'b']);

    await library.reload();
    await expect.poll(() => library.entries().count()).toBe(2);
    expect(await library.page.locator('.load-error').count()).toBe(0);
    await options.close();
  });

  it('draws every other entry when one stored entry cannot be drawn', async () => {
    const library = new LibraryPage(await chromium.openPopup());
    const at = Date.UTC(2026, 0, 2);
    const entry = (id: string, createdAt: number) => ({
      id,
      status: 'done',
      progress: 0,
      videoUrl: `https://cdn.example/${id}.mp4`,
      prompt: id,
      site: 'https://chat.example',
      pageUrl: 'https://chat.example/c/1',
      endpointUrl: 'https://chat.example/v1/chat/completions',
      index: 0,
      createdAt,
      updatedAt: createdAt,
    });
    // As an older version or a hand-edited profile may hold it: no import check on this path.
    await library.page.evaluate(replaceStoredEntries, [entry('a', at), entry('poison', 1e300), entry('b', at - 1)]);
    await library.reload();
    await expect.poll(() => library.entries().count()).toBe(3);
    expect(await library.page.locator('.load-error').count()).toBe(0);
    const gallery = await chromium.context.newPage();
    await gallery.goto(`chrome-extension://${chromium.extensionId}/gallery.html`);
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(3);
    await gallery.close();
  });
});
