import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { processGroupRunning } from '../../browser/process-group-running';
import { waitForFile } from '../../browser/wait-for-file';

const SAMPLE_MP4 = fileURLToPath(new URL('../../fixtures/media/sample.mp4', import.meta.url));
// Multibyte and longer than a 64-bit id: the name the download module builds from a prompt.
const DOWNLOAD_NAME = '一条狗_8891215448425547870.mp4';

/** The slice of the extension APIs these tests call inside the service worker and the popup. */
interface ExtensionGlobals {
  chrome: {
    downloads: {
      download(options: { url: string; filename: string }): Promise<number>;
      search(query: { id: number }): Promise<Array<{ filename: string; state: string }>>;
    };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
  __probe?: number;
}

describe('launchChromiumWithExtension', () => {
  let harness: ExtensionBrowser | undefined;
  let media: Server | undefined;
  let downloadsDir = '';

  function launched(): ExtensionBrowser {
    if (!harness) throw new Error('Chromium did not launch; see the beforeAll error');
    return harness;
  }

  beforeAll(async () => {
    const extensionPath = builtExtensionDir();
    if (!existsSync(join(extensionPath, 'manifest.json'))) {
      throw new Error(`No built extension in ${extensionPath}: run npm run build first`);
    }
    downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
    media = await serveFile(SAMPLE_MP4, 'video/mp4');
    harness = await launchChromiumWithExtension({ extensionPath, headless: !process.env.HEADED, downloadsDir });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await new Promise((resolve) => media?.close(resolve) ?? resolve(undefined));
    if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
  });

  it('loads the built extension and its service worker', async () => {
    const { extensionId, serviceWorker } = launched();
    expect(extensionId).toMatch(/^[a-p]{32}$/);
    const worker = await serviceWorker();
    expect(worker.url()).toBe(`chrome-extension://${extensionId}/background.js`);
    expect(await worker.evaluate(() => typeof (globalThis as unknown as ExtensionGlobals).chrome.downloads)).toBe(
      'object',
    );
  });

  it('stopServiceWorker() really stops it: a global set before is gone once it runs again', async () => {
    const { serviceWorker, stopServiceWorker, openPopup } = launched();
    const before = await serviceWorker();
    await before.evaluate(() => {
      (globalThis as unknown as ExtensionGlobals).__probe = 1;
    });
    expect(await before.evaluate(() => (globalThis as unknown as ExtensionGlobals).__probe)).toBe(1);

    await stopServiceWorker();
    // While stopped, serviceWorker() waits instead of handing back the dead worker.
    const restarted = serviceWorker({ timeoutMs: 20_000 });
    const popup = await openPopup();
    // A message is an event the worker must run for, so Chromium starts it again. The skeleton
    // background has no listener yet, so the send itself may fail; the wake-up is what counts.
    await popup.evaluate(() =>
      (globalThis as unknown as ExtensionGlobals).chrome.runtime.sendMessage({ type: 'harness-wake' }).catch(() => null),
    );
    const after = await restarted;
    expect(await after.evaluate(() => typeof (globalThis as unknown as ExtensionGlobals).__probe)).toBe('undefined');
    await popup.close();
  });

  it("saves a download from the service worker in downloadsDir under the extension's filename", async () => {
    const { serviceWorker } = launched();
    const url = `${originOf(media)}/media/sample.mp4`;
    const worker = await serviceWorker();
    const downloadId = await worker.evaluate(
      ({ url, filename }) => (globalThis as unknown as ExtensionGlobals).chrome.downloads.download({ url, filename }),
      { url, filename: DOWNLOAD_NAME },
    );

    const file = await waitForFile(downloadsDir, DOWNLOAD_NAME);
    expect(file.path).toBe(join(downloadsDir, DOWNLOAD_NAME));
    expect(Buffer.compare(await readFile(file.path), readFileSync(SAMPLE_MP4))).toBe(0);
    const [item] = await worker.evaluate(
      (id) => (globalThis as unknown as ExtensionGlobals).chrome.downloads.search({ id }),
      downloadId,
    );
    expect(item).toMatchObject({ filename: join(downloadsDir, DOWNLOAD_NAME), state: 'complete' });
  });
});

describe('launchChromiumWithExtension cleanup', () => {
  it('close() ends every Chromium process it started and removes the temp profile', async () => {
    const downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
    const harness = await launchChromiumWithExtension({ extensionPath: builtExtensionDir(), headless: true, downloadsDir });
    try {
      expect(processGroupRunning(harness.pid)).toBe(true);
      expect(existsSync(harness.userDataDir)).toBe(true);

      // Two callers at once (a signal handler and the normal exit path) both wait for the whole shutdown.
      await Promise.all([harness.close(), harness.close()]);
      expect(processGroupRunning(harness.pid)).toBe(false);
      expect(existsSync(harness.userDataDir)).toBe(false);
    } finally {
      await harness.close();
      await rm(downloadsDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('says how to install Chromium when it is missing', async () => {
    const launch = launchChromiumWithExtension({
      extensionPath: builtExtensionDir(),
      headless: true,
      downloadsDir: tmpdir(),
      executablePath: '/nonexistent/chromium',
    });
    await expect(launch).rejects.toThrow('Chromium not found at /nonexistent/chromium: install it with apt-get install chromium');
    await expect(launch).rejects.toMatchObject({ type: 'chromium-not-found' });
  });
});

/** Serves one file, whatever the path, on a free loopback port. */
async function serveFile(path: string, contentType: string): Promise<Server> {
  const bytes = await readFile(path);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
    res.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function originOf(server: Server | undefined): string {
  if (!server) throw new Error('the media server did not start');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
