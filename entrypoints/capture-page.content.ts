import { installPageCapture } from '@/src/capture/page-capture';
import { CAPTURE_MATCHES } from '@/src/sites/capture-sites';

/**
 * What the page loads and runs: only this (scripts/bare-main-world-entry.ts), so the declaration
 * below, which WXT reads in Node to write the manifest, stays out of the page's copy.
 */
export function main(): void {
  installPageCapture(window);
}

// Page world, before any page script: wraps fetch, XMLHttpRequest, EventSource and WebSocket
// so chat answers can be copied.
export default defineContentScript({
  matches: CAPTURE_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main,
});
