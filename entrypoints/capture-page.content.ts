import { installPageCapture } from '@/src/capture/page-capture';
import { CAPTURE_MATCHES } from '@/src/sites/capture-sites';

// Page world, before any page script: wraps fetch, XMLHttpRequest, EventSource and WebSocket
// so chat answers can be copied.
export default defineContentScript({
  // Read by WXT when it writes the manifest (it imports this file in Node, where SSR is true);
  // left out of the page's copy of this script, which never reads it and must stay small.
  matches: import.meta.env.SSR ? CAPTURE_MATCHES : [],
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    installPageCapture(window);
  },
});
