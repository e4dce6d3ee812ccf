import type { Plugin } from 'vite';

/** The module id WXT gives the wrapper of a `world: 'MAIN'` content script (wxt/dist/virtual/). */
const MAIN_WORLD_WRAPPER = '\0virtual:wxt-content-script-main-world-entrypoint?';

/**
 * Replaces WXT's wrapper of a MAIN-world content script with a bare call of the `main` the
 * entrypoint exports by name (entrypoints/capture-page.content.ts), so that neither the wrapper
 * nor the script's declaration, which only WXT reads, reaches the page.
 *
 * The wrapper only adds plugin start-up (this project has no WXT plugin in the page world) and a
 * logger for a crash, and `installPageCapture` (src/capture/page-capture.ts) never throws. The
 * two cost about 180 B of gzip on every page the capture script is loaded into, whose budget is
 * 3 KB (test/bench/page-script-size.ts). Runs before WXT's own loader of that id.
 */
export function bareMainWorldEntry(): Plugin {
  return {
    name: 'video-keeper:bare-main-world-entry',
    enforce: 'pre',
    load(id) {
      if (!id.startsWith(MAIN_WORLD_WRAPPER)) return undefined;
      const inputPath = id.slice(MAIN_WORLD_WRAPPER.length);
      return `import { main } from ${JSON.stringify(inputPath)};\nmain();\n`;
    },
  };
}
