import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { processGroupRunning } from './process-group-running';
import { killGroup, pollFor, settlesWithin } from './wait-and-kill';

/** Options of {@link launchChromiumWithExtension}. */
export interface LaunchChromiumOptions {
  /** The unpacked extension, e.g. `.output/chrome-mv3`. */
  extensionPath: string;
  headless: boolean;
  /** Downloads land here, under the names the extension chose, without a prompt. Created if missing. */
  downloadsDir: string;
  /** Default: a fresh temp profile that `close()` removes. A given folder is kept. */
  userDataDir?: string;
  /** Default: env `CHROMIUM_PATH`, else `/usr/bin/chromium`. */
  executablePath?: string;
  /** Appended after the harness's own flags, so they win over them. */
  extraArgs?: string[];
  /** Default 30 000: the limit for the browser to start and for the extension's service worker to appear. */
  timeoutMs?: number;
}

/** A running Chromium with the extension loaded. */
export interface ExtensionBrowser {
  browser: Browser;
  /** The default context: the one the extension runs in. */
  context: BrowserContext;
  /** A browser-level CDP session. */
  cdp: CDPSession;
  extensionId: string;
  downloadsDir: string;
  userDataDir: string;
  /** The browser process; its process group holds every Chromium process of this launch. */
  pid: number;
  /** The live background service worker; waits (default 15 s) while it is stopped until something wakes it. */
  serviceWorker: (options?: { timeoutMs?: number }) => Promise<Worker>;
  /** Stops the background service worker, as Chromium does when it is idle; resolves once it is gone. */
  stopServiceWorker: () => Promise<void>;
  /** Opens the action popup's page in a new tab. */
  openPopup: () => Promise<Page>;
  /** The last lines Chromium wrote to stderr, for failure messages. */
  browserLog: () => string;
  /** Closes the browser, kills what is left of its processes and removes a temp profile. Safe to call twice. */
  close: () => Promise<void>;
}

/** Why a launch or a harness step failed. */
export type ChromiumHarnessErrorType =
  | 'chromium-not-found'
  | 'extension-not-built'
  | 'browser-exited'
  | 'timeout'
  | 'service-worker';

/** An error of the harness, typed so callers (the demo runner) can tell the user what to do. */
export class ChromiumHarnessError extends Error {
  override name = 'ChromiumHarnessError';
  constructor(
    readonly type: ChromiumHarnessErrorType,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_EXECUTABLE = '/usr/bin/chromium';
const DEFAULT_TIMEOUT_MS = 30_000;
const LOG_LINES_KEPT = 40;
// No D-Bus or sound card in a container; Debian's wrapper script also trips over its /dev/shm check.
const NOISE = /dbus|ALSA lib|alsa_util|unexpected operator/;

/** Where the harness looks for Chromium when no `executablePath` is given. */
export function defaultChromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_EXECUTABLE;
}

/** Throws a `chromium-not-found` error telling how to install Chromium when `executablePath` cannot run. */
export function assertChromiumExecutable(executablePath: string = defaultChromiumPath()): void {
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new ChromiumHarnessError(
      'chromium-not-found',
      `Chromium not found at ${executablePath}: install it with apt-get install chromium (or point CHROMIUM_PATH at a Chromium binary)`,
    );
  }
}

/**
 * Starts Chromium with the unpacked extension and connects Playwright to it over CDP.
 * Chromium is spawned here rather than by `chromium.launch()` so the profile, the flags
 * and the download settings are exactly ours (Playwright would rename downloads to GUIDs).
 */
export async function launchChromiumWithExtension(options: LaunchChromiumOptions): Promise<ExtensionBrowser> {
  const executablePath = options.executablePath ?? defaultChromiumPath();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  assertChromiumExecutable(executablePath);
  const extensionPath = resolve(options.extensionPath);
  const manifest = readExtensionManifest(extensionPath);
  const downloadsDir = resolve(options.downloadsDir);
  await mkdir(downloadsDir, { recursive: true });
  // Everything temporary of this launch (the profile unless one is given, Playwright's artifacts
  // folder) lives under one folder that the harness removes, even when the run dies without close().
  const tempRoot = await mkdtemp(join(tmpdir(), 'video-keeper-chromium-'));
  const userDataDir = options.userDataDir ? resolve(options.userDataDir) : join(tempRoot, 'profile');
  await writeDownloadPreferences(userDataDir, downloadsDir);

  const log = createLineLog(LOG_LINES_KEPT);
  const child = spawn(executablePath, chromiumArgs({ ...options, extensionPath, userDataDir }), {
    // Its own process group, so close() can kill the renderers and helpers along with the browser.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<true>((resolveExit) => child.once('exit', () => resolveExit(true)));
  // Last resort when the process ends without close() (a crashed test run): only sync work runs here.
  const killOnExit = () => {
    killGroup(child);
    rmSync(tempRoot, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('exit', killOnExit);

  let closing: Promise<void> | undefined;
  const cleanUp = async () => {
    process.off('exit', killOnExit);
    if (!(await settlesWithin(exited, 5_000))) killGroup(child);
    await settlesWithin(exited, 5_000);
    // The zygote, renderers and helpers share the group and may outlive the browser by a moment.
    // (Crashpad handlers start their own groups, but they exit on their own with the browser.)
    killGroup(child);
    if (child.pid !== undefined) {
      const pgid = child.pid;
      await pollUntil(async () => !processGroupRunning(pgid) || undefined, 5_000, () => '').catch(() => undefined);
    }
    await rm(tempRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };

  try {
    const wsEndpoint = await waitForDevToolsEndpoint(child, log, timeoutMs, executablePath);
    // noDefaults: otherwise Playwright sends Browser.setDownloadBehavior 'allowAndName' for the
    // default context, which saves every download as a GUID in its own temp folder.
    const browser = await chromium.connectOverCDP(wsEndpoint, {
      noDefaults: true,
      artifactsDir: join(tempRoot, 'playwright'),
      timeout: timeoutMs,
    });
    const context = browser.contexts()[0];
    if (!context) throw new ChromiumHarnessError('browser-exited', 'Chromium has no default browser context');
    const cdp = await browser.newBrowserCDPSession();
    // 'default' leaves downloads to the profile's Preferences. 'allow' with a downloadPath would
    // also land them in downloadsDir, but under the URL's name: it drops the filename an
    // extension passes to chrome.downloads.download() (checked on Chromium 156).
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });

    const workerUrlPattern = new RegExp(`^chrome-extension://([a-p]{32})/${escapeRegExp(manifest.serviceWorker)}$`);
    const firstWorker = await pollUntil(
      async () => (await serviceWorkerTargets(cdp)).find((target) => workerUrlPattern.test(target.url)),
      timeoutMs,
      () =>
        `The extension's service worker (${manifest.serviceWorker}) did not start within ${timeoutMs} ms: ` +
        `is ${extensionPath} a built MV3 extension?\n${log.text()}`,
    );
    const extensionId = workerUrlPattern.exec(firstWorker.url)?.[1] ?? '';
    const workerUrl = `chrome-extension://${extensionId}/${manifest.serviceWorker}`;
    const liveWorkerTargets = async () => (await serviceWorkerTargets(cdp)).filter((t) => t.url === workerUrl);

    return {
      browser,
      context,
      cdp,
      extensionId,
      downloadsDir,
      userDataDir,
      pid: child.pid ?? -1,
      browserLog: () => log.text(),

      serviceWorker: async ({ timeoutMs: waitMs = 15_000 } = {}) => {
        const deadline = Date.now() + waitMs;
        const timeoutMessage = () =>
          `No live service worker for ${workerUrl} within ${waitMs} ms. A stopped worker starts again ` +
          'only on an event it listens to (a message, a download…).';
        for (;;) {
          if ((await liveWorkerTargets()).length > 0) {
            // A stopped worker keeps its Playwright Worker (same target id, same session); evaluate
            // on it hangs until the worker runs again, so probe with a short limit.
            const worker = context.serviceWorkers().findLast((w) => w.url() === workerUrl);
            if (worker && (await settlesWithin(worker.evaluate(() => true), 1_000).catch(() => false))) return worker;
          }
          if (Date.now() > deadline) throw new ChromiumHarnessError('timeout', timeoutMessage());
          await sleep(100);
        }
      },

      stopServiceWorker: async () => {
        // A token in the running worker's globals tells a restarted worker from the old one:
        // an extension with live ports (a relay replaying a stream) wakes its worker again at
        // once, and Chromium gives the new one the same target id.
        const token = `stop-${Date.now()}-${Math.random()}`;
        const running = context.serviceWorkers().findLast((w) => w.url() === workerUrl);
        if (running) {
          await settlesWithin(
            running.evaluate((value) => {
              (globalThis as { __harnessStopToken?: string }).__harnessStopToken = value;
            }, token),
            2_000,
          ).catch(() => undefined);
        }
        const targets = await liveWorkerTargets();
        for (const target of targets) {
          // Target.closeTarget stops a service worker (the target goes away, its globals with it)
          // the way the idle timer does; the worker starts again on its next event.
          const { success } = await cdp.send('Target.closeTarget', { targetId: target.targetId });
          if (!success) throw new ChromiumHarnessError('service-worker', `Chromium refused to stop ${workerUrl}`);
        }
        const ids = new Set(targets.map((t) => t.targetId));
        await pollUntil(
          async () => {
            const live = await liveWorkerTargets();
            if (!live.some((t) => ids.has(t.targetId))) return true;
            const worker = context.serviceWorkers().findLast((w) => w.url() === workerUrl);
            if (!worker) return undefined;
            const seen = await settlesWithin(
              worker.evaluate(() => (globalThis as { __harnessStopToken?: string }).__harnessStopToken ?? 'none'),
              1_000,
            ).catch(() => false);
            return typeof seen === 'string' && seen !== token ? true : undefined;
          },
          10_000,
          () => `The service worker ${workerUrl} was still running 10 s after Target.closeTarget`,
        );
      },

      openPopup: async () => {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${extensionId}/${manifest.popup}`);
        return page;
      },

      // Every caller gets the one shutdown, so a second close() (a signal handler racing the
      // normal exit path) waits until the profile is gone too.
      close: () =>
        (closing ??= (async () => {
          // Browser.close lets Chromium shut down cleanly; cleanUp kills it if it does not.
          await settlesWithin(cdp.send('Browser.close').catch(() => undefined), 5_000);
          await settlesWithin(browser.close().catch(() => undefined), 5_000);
          await cleanUp();
        })()),
    };
  } catch (error) {
    killGroup(child);
    await cleanUp();
    throw error;
  }
}

interface ExtensionManifestFacts {
  /** Path of the background service worker inside the extension. */
  serviceWorker: string;
  /** Path of the action popup inside the extension. */
  popup: string;
}

function readExtensionManifest(extensionPath: string): ExtensionManifestFacts {
  const manifestPath = join(extensionPath, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new ChromiumHarnessError(
      'extension-not-built',
      `No extension at ${extensionPath} (no manifest.json): run npm run build first`,
    );
  }
  const manifest: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const serviceWorker = readPath(manifest, ['background', 'service_worker']);
  if (!serviceWorker) {
    throw new ChromiumHarnessError('extension-not-built', `${manifestPath} declares no background.service_worker`);
  }
  return { serviceWorker, popup: readPath(manifest, ['action', 'default_popup']) ?? 'popup.html' };
}

function readPath(value: unknown, keys: readonly string[]): string | undefined {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' ? current : undefined;
}

function chromiumArgs(options: LaunchChromiumOptions & { userDataDir: string }): string[] {
  return [
    `--user-data-dir=${options.userDataDir}`,
    // Port 0: Chromium picks a free port and prints the endpoint on stderr.
    '--remote-debugging-port=0',
    `--load-extension=${options.extensionPath}`,
    `--disable-extensions-except=${options.extensionPath}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-gpu',
    // Tests run as root in containers, where the sandbox cannot start.
    '--no-sandbox',
    // Since Chromium 132 `--headless` can only mean the new headless mode: the full browser, extensions included.
    // HEADED=1 shows the window of any test, whatever it asked for (CONTRIBUTING.md: one e2e test headed).
    ...(options.headless && !process.env.HEADED ? ['--headless'] : []),
    ...(options.extraArgs ?? []),
    'about:blank',
  ];
}

/**
 * Downloads started by chrome.downloads.download() follow the profile's preferences; with these,
 * they go to `downloadsDir` under the extension's filename, with no Save As dialog.
 */
async function writeDownloadPreferences(userDataDir: string, downloadsDir: string): Promise<void> {
  const profileDir = join(userDataDir, 'Default');
  const preferencesPath = join(profileDir, 'Preferences');
  await mkdir(profileDir, { recursive: true });
  // A given profile keeps its other preferences; a missing or unreadable file starts empty.
  const existing = asRecord(await readFile(preferencesPath, 'utf8').then(JSON.parse, () => ({})));
  const preferences = {
    ...existing,
    download: {
      ...asRecord(existing.download),
      default_directory: downloadsDir,
      prompt_for_download: false,
      directory_upgrade: true,
    },
    savefile: { ...asRecord(existing.savefile), default_directory: downloadsDir },
  };
  await writeFile(preferencesPath, JSON.stringify(preferences));
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function waitForDevToolsEndpoint(
  child: ChildProcess,
  log: LineLog,
  timeoutMs: number,
  executablePath: string,
): Promise<string> {
  return new Promise((resolveEndpoint, reject) => {
    const timer = setTimeout(
      () => finish(new ChromiumHarnessError('timeout', `Chromium did not open DevTools within ${timeoutMs} ms\n${log.text()}`)),
      timeoutMs,
    );
    const onLine = (line: string) => {
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(line);
      if (match?.[1]) finish(match[1]);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(
        new ChromiumHarnessError(
          'browser-exited',
          `Chromium (${executablePath}) exited before DevTools was up (code ${code}, signal ${signal}). ` +
            `Is the profile in use by another Chromium?\n${log.text()}`,
        ),
      );
    const onError = (error: Error) =>
      finish(new ChromiumHarnessError('chromium-not-found', `Could not start ${executablePath}: ${error.message}`));
    log.attach(child, onLine);
    child.once('exit', onExit);
    child.once('error', onError);

    function finish(result: string | Error): void {
      clearTimeout(timer);
      log.detach(onLine);
      child.off('exit', onExit);
      child.off('error', onError);
      if (typeof result === 'string') resolveEndpoint(result);
      else reject(result);
    }
  });
}

interface LineLog {
  attach(child: ChildProcess, onLine: (line: string) => void): void;
  detach(onLine: (line: string) => void): void;
  text(): string;
}

/** Keeps Chromium's last stderr lines; D-Bus and ALSA complaints are noise in containers and are dropped. */
function createLineLog(limit: number): LineLog {
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  let partial = '';
  let attached = false;
  return {
    attach(child, onLine) {
      listeners.add(onLine);
      if (attached) return;
      attached = true;
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) {
          if (NOISE.test(line) || line.trim() === '') continue;
          lines.push(line);
          if (lines.length > limit) lines.shift();
          for (const listener of listeners) listener(line);
        }
      });
    },
    detach(onLine) {
      listeners.delete(onLine);
    },
    text: () => (lines.length ? `Chromium said:\n${lines.join('\n')}` : 'Chromium wrote nothing to stderr.'),
  };
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

async function serviceWorkerTargets(cdp: CDPSession): Promise<TargetInfo[]> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.filter((target) => target.type === 'service_worker');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `pollFor` throwing this harness's typed timeout error. */
function pollUntil<T>(probe: () => Promise<T | undefined>, timeoutMs: number, message: () => string): Promise<T> {
  return pollFor(probe, timeoutMs, message, (text) => new ChromiumHarnessError('timeout', text));
}
