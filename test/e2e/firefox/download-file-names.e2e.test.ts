import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoFileName } from '../../../src/download/file-name';
import { builtFirefoxExtensionDir } from '../../browser/built-firefox-extension';
import { launchFirefoxWithExtension, type FirefoxExtensionBrowser } from '../../browser/launch-firefox';
import { startDemoServer } from '../../demo-site/server';
import { skipWithoutChromeScope } from './firefox-session';

/** The slice of Firefox's downloads API the popup page is asked to run here. */
interface PopupGlobals {
  browser: {
    downloads: {
      download(options: { url: string; filename: string; conflictAction: 'uniquify'; saveAs: false }): Promise<number>;
      search(query: { id: number }): Promise<{ filename: string; state: string; error?: string }[]>;
    };
  };
}

const TASK_ID = '8891215448425547870';
// Prompts that broke some browser's or file system's rules at some point: Windows devices and
// shell extensions, bidi overrides, Firefox's `%`, 8.3 short names, invisible and odd spaces,
// noncharacters, over-long CJK, emoji sequences.
const NASTY_PROMPTS = [
  '一条狗',
  'CON',
  'con .txt',
  'LPT¹',
  'x.lnk',
  'desktop.ini',
  'a.url',
  'foo.local',
  '50% off 100%',
  'PROGRA~1',
  '\u202eevil\u202c.exe',
  'a\u200bb\u200dc\ufeffd',
  'a\u3000b\u00a0c\u2028d\u0085e',
  'a\u3164b\u115fc\u2800d',
  'tab\tand\nnewline',
  ' .. leading dots and spaces .. ',
  'slash/back\\slash:colon*star?"quote"<lt>|pipe',
  'e\u0301 vs é',
  'émoji 🐕👍🏽🏳️‍🌈',
  'lone \ud800 surrogate \ufdd0',
  '狗'.repeat(300),
];

function namesFor(prompts: string[]): string[] {
  return prompts.map((prompt, index) =>
    videoFileName({ id: `id-${index}`, prompt, taskId: TASK_ID, videoUrl: 'https://video.test/clip.mp4' }),
  );
}

let firefox: FirefoxExtensionBrowser;
let server: { origin: string; close(): Promise<void> };
let downloadsDir: string;
let popup: Page;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-firefox-names-'));
  firefox = await launchFirefoxWithExtension({
    extensionPath: builtFirefoxExtensionDir(),
    headless: !process.env.HEADED,
    downloadsDir,
  });
  popup = await firefox.openPopup();
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

describe("videoFileName in Firefox's downloads API", () => {
  it('makes only names the filename check of downloads.download() passes (5 000 random prompts)', async (context) => {
    skipWithoutChromeScope(context, firefox);
    const random = [
      ...fc.sample(fc.string({ unit: 'binary', maxLength: 80 }), { numRuns: 3_000, seed: 20250325 }),
      ...fc.sample(fc.string({ unit: 'grapheme', maxLength: 80 }), { numRuns: 2_000, seed: 8891215 }),
    ];
    const names = namesFor([...NASTY_PROMPTS, ...random]);
    // Names the check must refuse, so a check that passes everything cannot go unnoticed.
    const controls = ['a:b.mp4', 'x|y.mp4', '.hidden.mp4'];
    // The check of ext-downloads.js (153 ESR), run on Firefox's own module: `%` is swapped for `_`,
    // then a name is refused unless DownloadPaths.sanitize leaves it as it is.
    const refused = await firefox.evaluateInChrome<string[]>(
      `async (names) => {
        const { DownloadPaths } = ChromeUtils.importESModule('resource://gre/modules/DownloadPaths.sys.mjs');
        return names.filter((name) => {
          const swapped = name.replaceAll('%', '_');
          return DownloadPaths.sanitize(swapped, { compressWhitespaces: false }) !== swapped;
        });
      }`,
      [...names, ...controls],
    );
    expect(refused).toEqual(controls);
  });

  it('saves the nasty prompts under their names through the real API', async () => {
    const names = namesFor(NASTY_PROMPTS);
    const results = await popup.evaluate(
      async (fileNames, url) => {
        const { downloads } = (globalThis as unknown as PopupGlobals).browser;
        const outcomes: { filename: string; state: string; error?: string }[] = [];
        for (const filename of fileNames) {
          try {
            const id = await downloads.download({ url, filename, conflictAction: 'uniquify', saveAs: false });
            for (let tries = 0; tries < 100; tries++) {
              const [item] = await downloads.search({ id });
              if (item && item.state !== 'in_progress') {
                outcomes.push({ filename: item.filename, state: item.state, ...(item.error ? { error: item.error } : {}) });
                break;
              }
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
          } catch (error) {
            outcomes.push({ filename, state: 'refused', error: String(error) });
          }
        }
        return outcomes;
      },
      names,
      `${server.origin}/media/clip.mp4`,
    );
    expect(results.map((result) => result.state)).toEqual(names.map(() => 'complete'));
    // Firefox writes `_` for `%` (ext-downloads.js does so before its check); nothing else changes.
    const onDisk = names.map((name) => name.replaceAll('%', '_'));
    expect(results.map((result) => result.filename)).toEqual(onDisk.map((name) => join(downloadsDir, name)));
    expect((await readdir(downloadsDir)).sort()).toEqual([...onDisk].sort());
  });
});
