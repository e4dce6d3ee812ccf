/**
 * `npm run demo`: loads the built extension into Chromium, asks the demo chat for a video and
 * waits until the popup lists it. `npx tsx test/demo-site/run-demo.ts [--headless] [--timeout 90]`.
 * Headed when DISPLAY is set (it then stays open until the browser is closed or Ctrl-C), headless otherwise.
 * Env: DEMO_PORT (default 8787, a free port if that one is busy), CHROMIUM_PATH.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { builtExtensionDir } from '../browser/built-extension';
import {
  assertChromiumExecutable,
  ChromiumHarnessError,
  defaultChromiumPath,
  launchChromiumWithExtension,
  type ExtensionBrowser,
} from '../browser/launch-chromium';
import { startDemoServer, type DemoServer } from './server';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS_DIR = join(REPO_ROOT, 'artifacts');
const DEFAULT_PORT = 8787;
const POPUP_VIEWPORT = { width: 420, height: 600 };
const CHAT_VIEWPORT = { width: 1100, height: 800 };
// The popup redraws on the background's broadcast; reloading now and then covers a missed one.
const POPUP_RELOAD_EVERY_MS = 10_000;

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '90' },
  },
});

/** A failure the user can act on; its message says what to do. */
class DemoError extends Error {}

let harness: ExtensionBrowser | undefined;
let server: DemoServer | undefined;
let succeeded = false;
/** What the demo is doing, for the message when a wait times out. */
let currentStep = 'starting';

const timeoutSeconds = Number(values.timeout);

async function main(): Promise<number> {
  if (!(timeoutSeconds > 0)) throw new DemoError(`--timeout must be a number of seconds, got "${values.timeout}"`);
  const deadline = Date.now() + timeoutSeconds * 1000;
  /** Starts a step and returns the time left for it. */
  const step = (name: string): number => {
    currentStep = name;
    const left = deadline - Date.now();
    if (left <= 0) throw new DemoError(`Timed out after ${timeoutSeconds} s ${name}`);
    return left;
  };

  const extensionPath = builtExtensionDir();
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new DemoError(`No built extension in ${extensionPath}. Run npm run build first.`);
  }
  try {
    assertChromiumExecutable();
  } catch {
    throw new DemoError(
      `Chromium not found at ${defaultChromiumPath()}. Install it with:\n  sudo apt-get install chromium\n` +
        'or point CHROMIUM_PATH at a Chromium binary.',
    );
  }

  server = await startServer();
  const headless = values.headless || !process.env.DISPLAY;
  const downloadsDir = join(ARTIFACTS_DIR, 'demo-downloads');
  await mkdir(downloadsDir, { recursive: true });
  console.log(`Demo chat:  ${server.origin}/`);
  console.log(
    `Chromium:   ${headless ? 'headless' : `headed on DISPLAY ${process.env.DISPLAY}`}, extension from ${shown(extensionPath)}`,
  );
  harness = await launchChromiumWithExtension({
    extensionPath,
    headless,
    downloadsDir,
    timeoutMs: step('starting Chromium'),
  });
  const { context } = harness;

  const chat = context.pages()[0] ?? (await context.newPage());
  await chat.setViewportSize(CHAT_VIEWPORT);
  await chat.goto(`${server.origin}/`, { timeout: step('opening the demo chat') });
  await chat.click('#send', { timeout: step('clicking Send') });
  console.log('Sent the prompt; waiting for the answer…');
  await chat.waitForSelector('body[data-state="done"], body[data-state="error"]', {
    state: 'attached',
    timeout: step('waiting for the chat answer to finish'),
  });
  if ((await chat.getAttribute('body', 'data-state')) === 'error') {
    throw new DemoError(`The demo chat failed: ${await chat.textContent('#status')}`);
  }

  console.log('The answer is in; waiting for the popup to list the video…');
  const popup = await harness.openPopup();
  await popup.setViewportSize(POPUP_VIEWPORT);
  const entry = await waitForDoneEntry(popup, () => step('waiting for the popup to list a done video'));
  const prompt = (await entry.locator('.entry-prompt').first().textContent())?.trim() || '(no prompt shown)';

  step('taking the screenshots');
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const popupShot = join(ARTIFACTS_DIR, 'demo-popup.png');
  const chatShot = join(ARTIFACTS_DIR, 'demo-chat.png');
  await popup.screenshot({ path: popupShot });
  await chat.screenshot({ path: chatShot, fullPage: true });
  console.log(`Captured:   ${prompt}`);
  console.log(`Popup:      ${shown(popupShot)}`);
  console.log(`Chat:       ${shown(chatShot)}`);
  console.log(`Downloads:  ${shown(downloadsDir)}`);
  succeeded = true;

  if (headless) return 0;
  await popup.bringToFront();
  console.log('Chromium stays open: close it or press Ctrl-C to end the demo.');
  const { browser } = harness;
  await new Promise<void>((resolve) => browser.once('disconnected', () => resolve()));
  return 0;
}

/** Waits for the popup's first `li.entry[data-status="done"]`, reloading the popup now and then. */
async function waitForDoneEntry(popup: Page, step: () => number): Promise<Locator> {
  const done = popup.locator('li.entry[data-status="done"]').first();
  for (;;) {
    let left: number;
    try {
      left = step();
    } catch (error) {
      const statuses = await popup
        .locator('li.entry')
        .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.status ?? '?'));
      const listed = statuses.length ? `entries with status ${statuses.join(', ')}` : 'no entries';
      throw new DemoError(
        `${(error as Error).message}; the popup lists ${listed}. Is the extension built from the current sources (npm run build)?`,
      );
    }
    try {
      await done.waitFor({ timeout: Math.min(POPUP_RELOAD_EVERY_MS, left) });
      return done;
    } catch (error) {
      if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
      await popup.reload();
    }
  }
}

/** DEMO_PORT or 8787; when that port is busy, any free one rather than failing the demo. */
async function startServer(): Promise<DemoServer> {
  const port = process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DemoError(`DEMO_PORT must be a port number, got "${process.env.DEMO_PORT}"`);
  }
  try {
    return await startDemoServer({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    console.log(`Port ${port} is busy; the demo site takes a free port instead.`);
    return startDemoServer({ port: 0 });
  }
}

function shown(path: string): string {
  const fromRepo = relative(REPO_ROOT, path);
  return fromRepo.startsWith('..') ? path : fromRepo;
}

let shutdown: Promise<void> | undefined;

/** Closes Chromium and the demo site once, however many of Ctrl-C and the normal exit ask for it. */
function shutDown(): Promise<void> {
  shutdown ??= (async () => {
    await harness?.close();
    await server?.close().catch((error: unknown) => console.error('The demo site did not close cleanly:', error));
  })();
  return shutdown;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('\nStopping the demo…');
    // Chromium runs in its own process group, so Ctrl-C reaches only us: close it here.
    void shutDown().finally(() => process.exit(succeeded ? 0 : 130));
  });
}

const exitCode = await main().catch((error: unknown) => {
  if (error instanceof DemoError || error instanceof ChromiumHarnessError) {
    console.error(`Demo failed: ${error.message}`);
  } else if (error instanceof Error && error.name === 'TimeoutError') {
    const detail = error.message.split('\n')[0] ?? '';
    console.error(`Demo failed: timed out after ${timeoutSeconds} s ${currentStep} (${detail}).`);
  } else {
    console.error('Demo failed:', error);
  }
  if (harness) console.error(`\n${harness.browserLog()}`);
  return 1;
});
await shutDown();
process.exit(exitCode);
