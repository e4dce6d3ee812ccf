import type { BackgroundToRelayMessage } from '../protocol/messages';
import { parseRelayMessage } from '../protocol/parse-relay-message';
import { createBadMessageTally } from './bad-message-tally';
import type { CaptureLog } from './capture-log-entry';
import type { CapturePort } from './capture-port';
import type { LivePorts } from './live-ports';
import { openStreamFeed, type StreamOpening } from './open-stream-feed';
import { createOrderedInbox } from './ordered-inbox';
import { relayInbound } from './relay-inbound';
import { relayPortOrigin } from './relay-port-origin';
import { createRelayPortDelivery } from './relay-port-delivery';
import { createRelayPortStreams } from './relay-port-streams';
import { createStreamReplays } from './stream-replays';

export interface RelayPortDeps {
  /** `runtime.id`: only this extension's own content scripts may feed captures. */
  extensionId: string;
  log: (entry: CaptureLog) => void;
  /** Where the Port is counted while it is connected. */
  ports: LivePorts;
  opening: StreamOpening;
}

/** Serves one relay Port until it disconnects (a Port from anyone else is refused and logged). */
export function serveRelayPort(port: CapturePort, deps: RelayPortDeps): void {
  const { log } = deps;
  const origin = relayPortOrigin(port.sender, deps.extensionId);
  if (!origin) {
    log({ type: 'refused-sender', message: `port from ${(port.sender?.url ?? 'unknown').slice(0, 200)} refused` });
    return;
  }
  const post = (message: BackgroundToRelayMessage): void => {
    try {
      port.postMessage(message);
    } catch {
      // The frame is gone; its disconnect handler finishes the streams.
    }
  };
  const badMessages = createBadMessageTally(origin.site, log);
  const streams = createRelayPortStreams({
    open: (message) => openStreamFeed(message, origin, deps.opening),
    replays: createStreamReplays({ log, post }),
    log,
  });
  const inbox = createOrderedInbox(
    createRelayPortDelivery({
      streams,
      log,
      post,
      disconnected: () => {
        remove();
        badMessages.summarize();
      },
    }),
  );
  const remove = deps.ports.add({ entryIds: () => streams.entryIds(), idle: () => inbox.idle() });

  port.onMessage.addListener((raw) => {
    const message = parseRelayMessage(raw);
    if (!message) {
      badMessages.count();
      return;
    }
    for (const item of relayInbound(message)) inbox.put(item);
  });
  port.onDisconnect.addListener(() => inbox.put({ disconnected: true }));
}
