import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { processGroupRunning } from './process-group-running';
import { killGroup, pollFor, settlesWithin } from './wait-and-kill';

/** Options of {@link launchFirefoxWithExtension}. */
export interface LaunchFirefoxOptions {
  /** The unpacked Firefox build, e.g. `.output/firefox-mv3`. */
  extensionPath: string;
  headless: boolean;
  /** Downloads land here, under the names the extension chose, without a prompt. Created if missing. */
  downloadsDir: string;
  /** Default: env `FIREFOX_PATH`, else `/usr/bin/firefox-esr`. */
  executablePath?: string;
  /** Firefox stops an idle event page after this long. Default: Firefox's own 30 s. */
  backgroundIdleTimeoutMs?: number;
  /** The host of `moz-extension://` URLs. Default {@link DEFAULT_EXTENSION_UUID}. */
  extensionUuid?: string;
  /** Set after the harness's own preferences, so they win over them. */
  extraPrefs?: Record<string, string | number | boolean>;
  /** Accept any certificate (a test server's own), as WebDriver's `acceptInsecureCerts`. Default false. */
  acceptInsecureCerts?: boolean;
  /** Default 30 000: the limit for the browser to start and for an extension page to load. */
  timeoutMs?: number;
}

/** Where the event page is, as Firefox's add-on manager tracks it, and how often it came and went. */
export interface BackgroundLifecycle {
  state: 'starting' | 'running' | 'suspending' | 'stopped';
  /** Times the background finished starting since the harness began counting (after install). */
  starts: number;
  /** Times Firefox began suspending it (idle, or {@link FirefoxExtensionBrowser.stopBackground}). */
  suspends: number;
}

/** A running Firefox with the extension installed. */
export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** `browser_specific_settings.gecko.id` of the built manifest. */
  addonId: string;
  /** `moz-extension://<uuid>`, no trailing slash. */
  extensionOrigin: string;
  downloadsDir: string;
  /** The browser process; its process group holds every Firefox process of this launch. */
  pid: number;
  /** Opens the action popup's page in a new tab. */
  openPopup: () => Promise<Page>;
  /** Navigates `page` to an extension page and resolves once it has loaded (see {@link gotoExtensionPage}). */
  gotoExtensionPage: (page: Page, path: string) => Promise<void>;
  /** The event page's state and start/suspend counts, read from Firefox's extension internals. */
  background: () => Promise<BackgroundLifecycle>;
  /** Suspends the event page the way the idle timer does; resolves once it stopped (it may already run again). */
  stopBackground: () => Promise<void>;
  /**
   * Runs `functionDeclaration` (an `async (arg) => value` in source form) with system privileges in
   * the browser window and returns its JSON-serialisable result. For what no web or extension API
   * shows: the add-on manager, the event page, the downloads module.
   */
  evaluateInChrome: <T>(functionDeclaration: string, arg?: unknown) => Promise<T>;
  /**
   * Whether {@link evaluateInChrome}, {@link background} and {@link stopBackground} work: they need
   * WebDriver BiDi's chrome scope (`moz:scope` of `browsingContext.getTree`), which Firefox ESR 140
   * does not have (153 ESR does). Without it they throw a `no-chrome-scope` error; see {@link chromeScopeMissing}.
   */
  chromeScope: boolean;
  /** `Firefox 140.12.0esr`: the browser's own name and version. */
  version: string;
  /** The last lines Firefox wrote to stdout and stderr, for failure messages. */
  browserLog: () => string;
  /** Closes the browser, kills what is left of its processes and removes the temp profile. Safe to call twice. */
  close: () => Promise<void>;
}

/** Why a launch or a harness step failed. */
export type FirefoxHarnessErrorType =
  | 'firefox-not-found'
  | 'extension-not-built'
  | 'browser-exited'
  | 'timeout'
  | 'bidi'
  | 'no-chrome-scope';

/** An error of the harness, typed so callers can tell the user what to do. */
export class FirefoxHarnessError extends Error {
  override name = 'FirefoxHarnessError';
  constructor(
    readonly type: FirefoxHarnessErrorType,
    message: string,
  ) {
    super(message);
  }
}

/** Pinned through `extensions.webextensions.uuids`, so tests know the popup's URL before install. */
export const DEFAULT_EXTENSION_UUID = '5b0c7d1e-3f2a-4c6b-8e9d-a1b2c3d4e5f6';
const DEFAULT_EXECUTABLE = '/usr/bin/firefox-esr';
const DEFAULT_TIMEOUT_MS = 30_000;
const LOG_LINES_KEPT = 60;
// Headless Firefox in a container: no GPU, no D-Bus, no network for Mozilla's own services.
const NOISE = /GFX1-|dbus|ALSA lib|Remote Settings|RemoteSettings|RSLoader|nimbus|BackupService|^\s+at |^\s*$/i;
// Counters live on the browser window's global (system compartment), installed once after install.
const LIFECYCLE_GLOBAL = '__videoKeeperHarnessBackground';

/** Where the harness looks for Firefox when no `executablePath` is given. */
export function defaultFirefoxPath(): string {
  return process.env.FIREFOX_PATH || DEFAULT_EXECUTABLE;
}

/** Throws a `firefox-not-found` error telling how to install Firefox when `executablePath` cannot run. */
export function assertFirefoxExecutable(executablePath: string = defaultFirefoxPath()): void {
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new FirefoxHarnessError(
      'firefox-not-found',
      `Firefox not found at ${executablePath}: install it with apt-get install firefox-esr (or point FIREFOX_PATH at a Firefox 140+ binary)`,
    );
  }
}

/**
 * Starts Firefox over WebDriver BiDi (puppeteer-core) and installs the unpacked extension as a
 * temporary add-on, with downloads going to `downloadsDir` and the `moz-extension://` host pinned.
 * `--remote-allow-system-access` lets {@link FirefoxExtensionBrowser.evaluateInChrome} reach the
 * browser window, the only place Firefox shows the event page's state.
 */
export async function launchFirefoxWithExtension(options: LaunchFirefoxOptions): Promise<FirefoxExtensionBrowser> {
  const executablePath = options.executablePath ?? defaultFirefoxPath();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  assertFirefoxExecutable(executablePath);
  const extensionPath = resolve(options.extensionPath);
  const addonId = readGeckoId(extensionPath);
  const uuid = options.extensionUuid ?? DEFAULT_EXTENSION_UUID;
  const extensionOrigin = `moz-extension://${uuid}`;
  const downloadsDir = resolve(options.downloadsDir);
  await mkdir(downloadsDir, { recursive: true });
  // The profile lives in a folder of ours, not puppeteer's, so even a run that dies without
  // close() removes it (puppeteer only cleans its own temp profile on an orderly exit).
  const tempRoot = await mkdtemp(join(tmpdir(), 'video-keeper-firefox-'));
  const removeTempRoot = () => rm(tempRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });

  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      // HEADED=1 shows the window of any test, whatever it asked for.
      headless: options.headless && !process.env.HEADED,
      userDataDir: join(tempRoot, 'profile'),
      args: ['--remote-allow-system-access'],
      acceptInsecureCerts: options.acceptInsecureCerts ?? false,
      timeout: timeoutMs,
      protocolTimeout: timeoutMs,
      // The test runner handles signals; the harness's own exit hook kills the group.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      extraPrefsFirefox: {
        ...firefoxPrefs({ addonId, uuid, downloadsDir, idleMs: options.backgroundIdleTimeoutMs }),
        ...options.extraPrefs,
      },
    });
  } catch (error) {
    await removeTempRoot();
    throw new FirefoxHarnessError(
      'browser-exited',
      `Firefox (${executablePath}) did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const child = browser.process();
  const log = createLineLog(LOG_LINES_KEPT, child);
  const exited = child
    ? new Promise<true>((resolveExit) => {
        if (child.exitCode !== null || child.signalCode !== null) resolveExit(true);
        else child.once('exit', () => resolveExit(true));
      })
    : Promise.resolve(true as const);
  // Last resort when the test process ends without close(): only sync work runs here.
  const killOnExit = () => {
    killGroup(child);
    rmSync(tempRoot, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('exit', killOnExit);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      process.off('exit', killOnExit);
      // browser.close() ends the BiDi session and waits for Firefox to exit.
      await settlesWithin(browser.close(), 10_000).catch(() => undefined);
      if (!(await settlesWithin(exited, 5_000))) killGroup(child);
      await settlesWithin(exited, 5_000);
      // Content, extension and socket processes share the group and may outlive the parent by a moment.
      killGroup(child);
      const pgid = child?.pid;
      if (pgid !== undefined) {
        await pollUntil(async () => !processGroupRunning(pgid) || undefined, 5_000, () => '').catch(() => undefined);
      }
      await removeTempRoot();
    })());

  try {
    const send = bidiSender(browser);
    const version = await browser.version();
    const chromeScope = (await browserWindowContext(send)) !== undefined;
    const evaluateInChrome = async <T>(functionDeclaration: string, arg?: unknown): Promise<T> => {
      if (!chromeScope) throw new FirefoxHarnessError('no-chrome-scope', chromeScopeMissing(version));
      return callInChrome<T>(send, functionDeclaration, arg, log);
    };

    const installedId = await browser.installExtension(extensionPath).catch((error: unknown) => {
      throw new FirefoxHarnessError(
        'extension-not-built',
        `Firefox refused to install ${extensionPath}: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    if (installedId !== addonId) {
      throw new FirefoxHarnessError('extension-not-built', `Installed ${installedId}, but the manifest says ${addonId}`);
    }
    if (chromeScope) await evaluateInChrome(INSTALL_LIFECYCLE_COUNTERS, { addonId, key: LIFECYCLE_GLOBAL });

    const background = () => evaluateInChrome<BackgroundLifecycle>(READ_LIFECYCLE, { addonId, key: LIFECYCLE_GLOBAL });

    const gotoExtensionPage = async (page: Page, path: string): Promise<void> => {
      const url = `${extensionOrigin}/${path.replace(/^\//, '')}`;
      // Firefox's BiDi reports no navigation or load events for moz-extension documents (checked on
      // 153 ESR), so page.goto() would wait for its timeout. Navigate without waiting and poll the
      // document instead; script evaluation in extension pages does work.
      await send('browsingContext.navigate', { context: contextIdOf(page), url, wait: 'none' });
      await pollUntil(
        async () =>
          (await page
            .evaluate((expected) => location.href === expected && document.readyState === 'complete', url)
            .catch(() => false)) || undefined,
        timeoutMs,
        () => `${url} did not load within ${timeoutMs} ms\n${log.text()}`,
      );
    };

    return {
      browser,
      addonId,
      extensionOrigin,
      downloadsDir,
      pid: child?.pid ?? -1,
      browserLog: () => log.text(),
      evaluateInChrome,
      chromeScope,
      version,
      gotoExtensionPage,
      background,

      openPopup: async () => {
        const page = await browser.newPage();
        await gotoExtensionPage(page, readPopupPath(extensionPath));
        return page;
      },

      stopBackground: async () => {
        const before = await background();
        if (before.state === 'stopped') return;
        await evaluateInChrome(TERMINATE_BACKGROUND, { addonId });
        // An open relay port wakes the page again at once (the relay reconnects to replay), so
        // "stopped" may last too short to see: a suspend that ended, stopped or restarted, counts.
        await pollUntil(
          async () => {
            const now = await background();
            const suspended = now.suspends > before.suspends;
            return suspended && (now.state === 'stopped' || now.starts > before.starts) ? true : undefined;
          },
          10_000,
          () => `The event page of ${addonId} was still running 10 s after terminateBackground()`,
        );
      },

      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The preferences of a test profile. Downloads: straight into `downloadsDir`, no dialog, no panel.
 * `extensions.webextensions.uuids` maps the add-on id to its `moz-extension://` host.
 */
function firefoxPrefs(input: {
  addonId: string;
  uuid: string;
  downloadsDir: string;
  idleMs: number | undefined;
}): Record<string, string | number | boolean> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [input.addonId]: input.uuid }),
    'browser.download.dir': input.downloadsDir,
    // 2: the folder in browser.download.dir (0 desktop, 1 the system's Downloads).
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.panel.shown': true,
    ...(input.idleMs !== undefined && { 'extensions.background.idle.timeout': input.idleMs }),
  };
}

function readGeckoId(extensionPath: string): string {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(resolve(extensionPath, 'manifest.json'), 'utf8'));
  } catch {
    throw new FirefoxHarnessError(
      'extension-not-built',
      `No manifest.json in ${extensionPath}: build the Firefox extension first (npm run build:firefox)`,
    );
  }
  const id = (manifest as { browser_specific_settings?: { gecko?: { id?: unknown } } }).browser_specific_settings?.gecko
    ?.id;
  if (typeof id !== 'string') {
    throw new FirefoxHarnessError(
      'extension-not-built',
      `${extensionPath}/manifest.json has no browser_specific_settings.gecko.id: is it a Chrome build? Use npm run build:firefox`,
    );
  }
  return id;
}

function readPopupPath(extensionPath: string): string {
  const manifest = JSON.parse(readFileSync(resolve(extensionPath, 'manifest.json'), 'utf8')) as {
    action?: { default_popup?: string };
  };
  return manifest.action?.default_popup ?? 'popup.html';
}

// ---------------------------------------------------------------- BiDi plumbing

type BidiSend = (method: string, params: object) => Promise<unknown>;

/**
 * The BiDi connection puppeteer-core drives Firefox through. Not in its public types, hence the
 * runtime check: the harness needs two commands puppeteer does not wrap (navigate without waiting,
 * the chrome scope of `browsingContext.getTree`).
 */
function bidiSender(browser: Browser): BidiSend {
  const connection = (browser as unknown as { connection?: { send?: unknown } }).connection;
  const send = connection?.send;
  if (typeof send !== 'function') {
    throw new FirefoxHarnessError('bidi', 'puppeteer-core no longer exposes its BiDi connection (Browser.connection)');
  }
  return async (method, params) => {
    const response: unknown = await (send as (m: string, p: object) => Promise<unknown>).call(connection, method, params);
    return (response as { result?: unknown }).result;
  };
}

function contextIdOf(page: Page): string {
  const id = (page.mainFrame() as unknown as { _id?: unknown })._id;
  if (typeof id !== 'string') throw new FirefoxHarnessError('bidi', 'puppeteer-core no longer exposes a frame id (Frame._id)');
  return id;
}

interface BrowsingContextInfo {
  context: string;
  url: string;
}

/**
 * What a check that needs the browser's privileged scope says on a Firefox without it, as it
 * skips: which Firefox, what is missing, and where the check does run.
 */
export function chromeScopeMissing(version: string, check = 'This check'): string {
  return (
    `${check} is skipped on ${version}: it reads Firefox's internals (add-on manager, event page, downloads module) ` +
    'through WebDriver BiDi\'s chrome scope (moz:scope), which this Firefox does not offer (ESR 140 does not; ESR 153 does). ' +
    'Everything else runs here; run with the default /usr/bin/firefox-esr (153 ESR) for this check.'
  );
}

/** The browser window's BiDi context in the chrome scope, or undefined when Firefox has no such scope. */
async function browserWindowContext(send: BidiSend): Promise<BrowsingContextInfo | undefined> {
  const tree = (await send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })) as {
    contexts?: BrowsingContextInfo[];
  };
  return tree.contexts?.find((context) => context.url === 'chrome://browser/content/browser.xhtml');
}

async function callInChrome<T>(send: BidiSend, functionDeclaration: string, arg: unknown, log: LineLog): Promise<T> {
  const window = await browserWindowContext(send);
  if (!window) {
    throw new FirefoxHarnessError('bidi', 'No browser window in the chrome scope: was Firefox started with --remote-allow-system-access?');
  }
  // Arguments and result cross as JSON strings: plain values, no BiDi remote-value (de)serialisation.
  const outcome = (await send('script.callFunction', {
    functionDeclaration: `async (json) => JSON.stringify(await (${functionDeclaration})(JSON.parse(json)) ?? null)`,
    arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
    target: { context: window.context },
    awaitPromise: true,
    resultOwnership: 'none',
  })) as { type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string } };
  if (outcome.type !== 'success' || typeof outcome.result?.value !== 'string') {
    throw new FirefoxHarnessError('bidi', `Privileged script failed: ${outcome.exceptionDetails?.text ?? 'no result'}\n${log.text()}`);
  }
  return JSON.parse(outcome.result.value) as T;
}

// Privileged scripts, run in the browser window's system scope (see evaluateInChrome).
const EXTENSION_OF = `const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const extensionOf = (id) => {
    const extension = ExtensionParent.GlobalManager.getExtension(id);
    if (!extension) throw new Error('Firefox has no running extension ' + id);
    return extension;
  };`;

const INSTALL_LIFECYCLE_COUNTERS = `async ({ addonId, key }) => {
  ${EXTENSION_OF}
  const extension = extensionOf(addonId);
  if (globalThis[key]) return;
  const counts = { starts: 0, suspends: 0 };
  // Events ext-backgroundPage.js emits for its own tests.
  extension.on('background-script-started', () => { counts.starts += 1; });
  extension.on('background-script-suspend', () => { counts.suspends += 1; });
  globalThis[key] = counts;
}`;

const READ_LIFECYCLE = `async ({ addonId, key }) => {
  ${EXTENSION_OF}
  const counts = globalThis[key] ?? { starts: 0, suspends: 0 };
  return { state: extensionOf(addonId).backgroundState, starts: counts.starts, suspends: counts.suspends };
}`;

const TERMINATE_BACKGROUND = `async ({ addonId }) => {
  ${EXTENSION_OF}
  // What the idle timer calls; the flag skips the keep-alive checks (pending listeners) as Firefox's own tests do.
  await extensionOf(addonId).terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
}`;

// ---------------------------------------------------------------- process and timing helpers

interface LineLog {
  text(): string;
}

/** Keeps Firefox's last output lines (stdout is drained too, so a chatty profile cannot block Firefox on a full pipe). */
function createLineLog(limit: number, child: ChildProcess | null): LineLog {
  const lines: string[] = [];
  for (const stream of [child?.stdout, child?.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        if (NOISE.test(line)) continue;
        lines.push(line);
        if (lines.length > limit) lines.shift();
      }
    });
  }
  return { text: () => (lines.length ? `Firefox said:\n${lines.join('\n')}` : 'Firefox wrote nothing of note.') };
}

/** `pollFor` throwing this harness's typed timeout error. */
function pollUntil<T>(probe: () => Promise<T | undefined>, timeoutMs: number, message: () => string): Promise<T> {
  return pollFor(probe, timeoutMs, message, (text) => new FirefoxHarnessError('timeout', text));
}
