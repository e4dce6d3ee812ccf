import { installPageCapture } from '@/src/capture/page-capture';
import { CAPTURE_MATCHES } from '@/src/sites/capture-sites';

// Page world, before any page script: wraps fetch, XMLHttpRequest, EventSource and WebSocket
// so chat answers can be copied.
export default defineContentScript({
  matches: CAPTURE_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    installPageCapture(window);
  },
});
