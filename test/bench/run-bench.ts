import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtExtensionDir } from '../browser/built-extension';
import { measureBackgroundMemory } from './background-memory';
import { launchBenchBrowser, type BenchBrowser } from './bench-browser';
import { startBenchServer, type BenchServer } from './bench-server';
import { measureChunkDelay } from './chunk-delay';
import { measureDownloadHeap } from './download-heap';
import { measurePageConsumeTime } from './page-consume-time';
import { measurePageScriptSize } from './page-script-size';
import { measurePopupFirstPaint } from './popup-first-paint';
import { formatNotes, formatTable, type FigureResult } from './report-table';
import { measureSeparateBrowsers } from './separate-browsers';
import { measureTabClose } from './tab-close';
import { MiB } from './stats';
import { buildAnswer } from './synthetic-answer';

/**
 * `npm run bench`: the extension's cost to pages and to itself, each figure measured side by side
 * in one run (extension on vs off, or against a reference) and printed as a table. A benchmark,
 * not a test: it exits 0 whatever the figures; only a broken measurement exits 1.
 *
 *   npm run bench                       all figures (2–3 min on 2 cores)
 *   npm run bench -- --quick            fewer runs, for trying changes
 *   npm run bench -- --only=consume,popup
 *   npm run bench -- --only=app         a video app's page: what copying its JSON costs it
 *   npm run bench -- --only=copies        copy of a 50 MB video, ZIP of 1 GB (Node)
 *   npm run bench -- --json=bench.json  also writes the results as JSON
 *
 * Uses VIDEO_KEEPER_EXTENSION_DIR or .output/chrome-mv3 (`npm run build` first); HEADED=1 shows the browser.
 */

const FIGURES = ['consume', 'separate', 'delay', 'node', 'steady', 'app', 'popup', 'size', 'download', 'background', 'close', 'copies'] as const;
type Figure = (typeof FIGURES)[number];
/** Table names of figures that could not be measured. */
const TITLES: Record<Figure, string> = {
  consume: 'page reads 7 MB / 60k-event stream (on ÷ off)',
  separate: 'page reads 7 MB, separate browsers (on ÷ off)',
  delay: 'delay per chunk, server write → page read',
  node: 'Node: full pipeline ÷ bare eventsource-parser',
  steady: 'steady state: unchanged poll of a 100-item library',
  app: 'video app page: small JSON calls, main-thread time per call',
  popup: 'popup first paint, 10000 ÷ 10 entries',
  size: 'MAIN-world script, minified + gzip',
  download: 'page memory while a 300 MB download streams',
  background: 'background heap, 50 MB answer (vs 7 MB)',
  close: "tab closed as the page reads a 7 MB answer's end",
  copies: 'copy of a 50 MB video; ZIP of 1 GB of videos',
};

const quick = process.argv.includes('--quick');
const SETTINGS = {
  consume: { pairs: quick ? 3 : 15, warmupPairs: 1, parsePairs: quick ? 2 : 6, profilePairs: quick ? 1 : 3, floorPairs: quick ? 2 : 8 },
  separate: { pairs: quick ? 3 : 8, warmupPairs: 1 },
  delay: { pairs: quick ? 2 : 6, warmupPairs: 1, paceMs: 4, skewSampleMs: 30, events: 300 },
  node: { pairs: quick ? 4 : 12, warmupPairs: 3, stageRuns: quick ? 3 : 5, maxChunk: 8192 },
  steady: { items: 100, polls: quick ? 10 : 40, warmup: 3 },
  app: { calls: 60, pairs: quick ? 3 : 10, warmupPairs: 1 },
  popup: { runs: quick ? 2 : 5, warmup: 1, small: 10, large: 10_000 },
  download: { pairs: quick ? 1 : 3, warmupPairs: 1, bytes: 300 * MiB, sampleMs: 200 },
  background: { sampleMs: 100 },
  close: { runs: quick ? 2 : 5, settleMs: 4000 },
  stream: { events: 60_000, bytes: 7 * MiB },
  large: { events: 430_000, bytes: 50 * MiB },
};

async function main(): Promise<number> {
  const started = performance.now();
  const only = selectedFigures();
  const extensionDir = builtExtensionDir();
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    console.error(`No built extension in ${extensionDir}: run npm run build first (or set VIDEO_KEEPER_EXTENSION_DIR).`);
    return 1;
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB, Node ${process.version}`;
  const loadBefore = loadavg()[0] ?? 0;
  console.log(`Video Keeper bench${quick ? ' (quick)' : ''}: ${machine}, load ${loadBefore.toFixed(1)}, ${extensionDir}`);

  const results = new Map<Figure, FigureResult[]>();
  let broken = false;
  type Measure = () => Promise<FigureResult | FigureResult[]> | FigureResult | FigureResult[];
  const run = async (figure: Figure, measure: Measure): Promise<void> => {
    if (!only.has(figure)) return;
    const begin = performance.now();
    process.stdout.write(`- ${figure} … `);
    try {
      const measured = await measure();
      const rows = Array.isArray(measured) ? measured : [measured];
      results.set(figure, rows);
      const summary = rows.map((result) => `${result.measured} / ${result.baseline} → ${result.ratio}`).join('; ');
      console.log(`${summary} (${((performance.now() - begin) / 1000).toFixed(0)} s)`);
    } catch (error) {
      broken = true;
      console.log('failed');
      console.error(error);
      const message = error instanceof Error ? error.message : String(error);
      const title = TITLES[figure];
      results.set(figure, [{ figure: title, measured: 'not measured', baseline: '', ratio: '', target: '', met: undefined, notes: [message] }]);
    }
  };

  let server: BenchServer | undefined;
  let browser: BenchBrowser | undefined;
  let chromium: string | undefined;
  try {
    const site = (server = await startBenchServer());
    const mediaOrigin = site.onOrigin;
    const stream = buildAnswer({ ...SETTINGS.stream, mediaOrigin });
    // The paced stream has the 7 MB stream's event size.
    const paced = buildAnswer({
      events: SETTINGS.delay.events,
      bytes: Math.round((SETTINGS.delay.events * SETTINGS.stream.bytes) / SETTINGS.stream.events),
      mediaOrigin,
    });

    // In-process figures first, while no browser competes for the CPU.
    await run('size', () => measurePageScriptSize(extensionDir));
    // Imported here: it runs src/ itself, so a broken src/ fails this figure, not the whole bench.
    await run('node', async () => (await import('./node-pipeline')).measureNodePipeline(stream, SETTINGS.node));
    await run('steady', async () => (await import('./steady-poll')).measureSteadyPoll(SETTINGS.steady));
    await run('copies', async () => (await import('./copy-and-zip')).measureCopyAndZip());

    // Its own browser, at a video app's host name over HTTPS, before the shared one starts.
    await run('app', async () => (await import('./app-page-calls')).measureAppPageCalls(extensionDir, SETTINGS.app));

    if ([...only].some((figure) => figure !== 'size' && figure !== 'node' && figure !== 'steady' && figure !== 'app' && figure !== 'copies')) {
      const open = (browser = await launchBenchBrowser(site, extensionDir));
      chromium = open.vk.browser.version();
      console.log(`  Chromium ${chromium}`);
      // The popup first, while the library holds only what the figure puts there.
      await run('popup', () => measurePopupFirstPaint(open, site, SETTINGS.popup));
      await run('consume', () => measurePageConsumeTime(open, site, stream, SETTINGS.consume));
      await run('separate', () => measureSeparateBrowsers(open, site, stream, SETTINGS.separate));
      await run('delay', () => measureChunkDelay(open, site, paced, SETTINGS.delay));
      await run('download', () => measureDownloadHeap(open, SETTINGS.download));
      await run('background', () => {
        const large = buildAnswer({ ...SETTINGS.large, mediaOrigin });
        return measureBackgroundMemory(open, site, { large, small: stream }, SETTINGS.background);
      });
      await run('close', () => measureTabClose(open, site, stream, SETTINGS.close));
    }
  } finally {
    await browser?.close();
    await server?.close();
  }

  const ordered = FIGURES.flatMap((figure) => results.get(figure) ?? []);
  const seconds = (performance.now() - started) / 1000;
  // The 1-minute load average tells how much else ran: on a busy machine every figure is noisier.
  const load = `load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;
  console.log(`\n${formatTable(ordered)}\n\n${formatNotes(ordered)}\n`);
  console.log(`${seconds.toFixed(0)} s in all; ${machine}; ${chromium ? `Chromium ${chromium}; ` : ''}${load}.`);
  const json = process.argv.find((item) => item.startsWith('--json='))?.slice('--json='.length);
  if (json) {
    const report = { date: new Date().toISOString(), machine, chromium, load, seconds, quick, extensionDir, results: ordered };
    writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  }
  return broken ? 1 : 0;
}

function selectedFigures(): Set<Figure> {
  const arg = process.argv.find((item) => item.startsWith('--only='));
  if (!arg) return new Set(FIGURES);
  const names = arg.slice('--only='.length).split(',');
  const unknown = names.filter((name) => !(FIGURES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown figure ${unknown.join(', ')}; figures: ${FIGURES.join(', ')}`);
  return new Set(names as Figure[]);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
