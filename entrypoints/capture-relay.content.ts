import { browser } from 'wxt/browser';
import { acceptPagePort } from '@/src/relay/accept-page-port';
import { carriesBlobs } from '@/src/relay/carries-blobs';
import { createRelay, type RelayPort } from '@/src/relay/create-relay';
import { forwardsRequestBodies } from '@/src/relay/forwards-request-bodies';
import { CAPTURE_PORT_NAME } from '@/src/protocol/messages';
import { CAPTURE_MATCHES } from '@/src/sites/capture-sites';
import { appCopyHostsOf } from '@/src/sites/app-copy-hosts';

// Isolated world: takes the page world's copies and forwards them to the background.
export default defineContentScript({
  matches: CAPTURE_MATCHES,
  runAt: 'document_start',
  allFrames: true,
  main(ctx) {
    const relay = createRelay({
      connect: (): RelayPort => browser.runtime.connect({ name: CAPTURE_PORT_NAME }),
      nonce: crypto.randomUUID().replaceAll('-', ''),
      now: () => Date.now(),
      schedule: (callback, ms) => setTimeout(callback, ms),
      warn: (message) => console.warn(`[video-keeper] ${message}`),
      blobs: carriesBlobs(browser.runtime.getManifest(), navigator.userAgent),
      requestBodies: forwardsRequestBodies(browser.runtime.getManifest(), location.href),
    });
    acceptPagePort(window, (data) => relay.receive(data), appCopyHostsOf(location.href));
    ctx.onInvalidated(() => relay.dispose());
  },
});
