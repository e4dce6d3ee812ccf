import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { seedExpected } from '../../support/seed';
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
});
