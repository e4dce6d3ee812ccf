import { createCaptureService, type CaptureLog, type CapturePort, type CaptureService, type CaptureServiceOptions } from '@/src/background/capture-service';
import { forwardsRequestBodies } from '@/src/relay/forwards-request-bodies';
import { VIDEO_APP_MATCHES } from '@/src/sites/video-apps';
import type { BackgroundToRelayMessage, PageMessage, RelayMessage, StreamOutcome } from '@/src/protocol/messages';
import { createRelay, type Relay, type RelayPort } from '@/src/relay/create-relay';
import { openVideoDb } from '@/src/store/video-db';
import type { VideoEntry } from '@/src/store/video-entry';
import { createVideoStore, type VideoStore } from '@/src/store/video-store';

export const EXTENSION_ID = 'video-keeper-test-id';
export const PAGE_SENDER: NonNullable<CapturePort['sender']> = {
  id: EXTENSION_ID,
  url: 'http://localhost:3000/chat/1',
  frameId: 0,
  tab: { id: 7 },
};
export const ENDPOINT = 'http://localhost:3000/v1/chat/completions';

/** How a stream given to `Pipeline.stream` ends: the page's outcome, the tab closing, or not at all. */
export type StreamFinish = StreamOutcome | 'frame-closed' | 'open';

export interface StreamInput {
  contentType: string;
  /** Network chunks, as the page-world copy posts them. */
  chunks: Iterable<Uint8Array | string>;
  finish: StreamFinish;
  url?: string;
  requestBody?: string;
  /** The relay's batching window passes after this many chunks (default 1: one batch per chunk). */
  batchEvery?: number;
}

/**
 * The real capture path without a browser: the isolated-world relay, linked by an in-memory
 * runtime Port to the background's capture service, writing to a fake-indexeddb store. The
 * worker can be restarted (its port drops, a new service with no memory takes the relay's
 * reconnect) and the frame closed.
 */
export interface Pipeline {
  relay: Relay;
  store: VideoStore;
  service(): CaptureService;
  /** What the service logged, from every worker. */
  logs: CaptureLog[];
  /** What the relay warned. */
  warnings: string[];
  /** Hands a page message to the relay (anything: it is untrusted). */
  page(message: unknown): void;
  /** Opens a stream as page stream `id`, feeds its chunks and ends it as `finish` says. */
  stream(id: number, input: StreamInput): void;
  /** Runs the relay's pending batch flushes. */
  flush(): void;
  /** Flushes and waits until the service's writes are done. */
  settle(): Promise<void>;
  /** Chrome stops the service worker: its port drops, a fresh service serves the reconnect. */
  restartWorker(): void;
  /** The tab closes: the background sees the port go; the relay is gone with the frame. */
  closeFrame(): void;
  /** Posts anything on the relay's side of the current port: what a relay that lost its checks could send. */
  sendAsRelay(message: unknown): void;
  entries(): Promise<VideoEntry[]>;
}

export interface PipelineOptions {
  sender?: CapturePort['sender'];
  store?: VideoStore;
  service?: Partial<CaptureServiceOptions>;
}

let databases = 0;

/** A new pipeline over its own fresh database. */
export async function createPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  databases += 1;
  const store = options.store ?? createVideoStore(await openVideoDb(`hardening-${databases}`));
  const logs: CaptureLog[] = [];
  const warnings: string[] = [];
  const timers: Array<() => void> = [];
  const makeService = (): CaptureService =>
    createCaptureService({
      extensionId: EXTENSION_ID,
      store,
      log: (entry) => logs.push(entry),
      onEntriesChanged: () => {},
      ...options.service,
    });
  let service = makeService();
  let link: PortLink | undefined;

  const relay = createRelay({
    connect() {
      link = linkPorts('sender' in options ? options.sender : PAGE_SENDER);
      service.connect(link.service);
      return link.relay;
    },
    nonce: 'n0',
    now: () => Date.now(),
    schedule: (callback) => timers.push(callback),
    warn: (message) => warnings.push(message),
    // As the relay's entrypoint decides it, from the frame's URL.
    requestBodies: forwardsRequestBodies({ host_permissions: VIDEO_APP_MATCHES }, ('sender' in options ? options.sender : PAGE_SENDER)?.url ?? ''),
  });

  const flush = (): void => {
    while (timers.length > 0) timers.splice(0).forEach((timer) => timer());
  };

  const pipeline: Pipeline = {
    relay,
    store,
    service: () => service,
    logs,
    warnings,
    page: (message) => relay.receive(message),
    stream(id, input) {
      const open: PageMessage = {
        kind: 'open',
        id,
        url: input.url ?? ENDPOINT,
        contentType: input.contentType,
        ...(input.requestBody ? { requestBody: input.requestBody } : {}),
      };
      relay.receive(open);
      let count = 0;
      for (const chunk of input.chunks) {
        relay.receive(typeof chunk === 'string' ? { kind: 'chunk', id, text: chunk } : { kind: 'chunk', id, bytes: chunk });
        if (++count % (input.batchEvery ?? 1) === 0) flush();
      }
      flush();
      if (input.finish === 'frame-closed') pipeline.closeFrame();
      else if (input.finish !== 'open') relay.receive({ kind: 'end', id, outcome: input.finish });
    },
    flush,
    async settle() {
      // Writes end in `stream-closed` posts that may queue more work; wait until all is quiet.
      for (let round = 0; round < 5; round++) {
        flush();
        await service.idle();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
    restartWorker() {
      const dying = link;
      service = makeService();
      dying?.workerStopped();
    },
    closeFrame() {
      link?.frameClosed();
      relay.dispose();
    },
    sendAsRelay(message) {
      if (!link) throw new Error('no port yet: send the relay a message first');
      link.relay.postMessage(message as RelayMessage);
    },
    entries: () => store.list(),
  };
  return pipeline;
}

export interface PortLink {
  relay: RelayPort;
  service: CapturePort;
  /** The worker is gone: the relay's port disconnects; the dead worker runs nothing. */
  workerStopped(): void;
  /** The frame is gone: the service's port disconnects. */
  frameClosed(): void;
}

/** Both ends of one runtime Port; messages go across synchronously, disconnect fires on the other end. */
export function linkPorts(sender: CapturePort['sender']): PortLink {
  const relayListeners: Array<(message: BackgroundToRelayMessage) => void> = [];
  const relayDisconnect: Array<() => void> = [];
  const serviceListeners: Array<(message: unknown) => void> = [];
  const serviceDisconnect: Array<() => void> = [];
  let open = true;
  const close = (listeners: Array<() => void>): void => {
    if (!open) return;
    open = false;
    for (const listener of listeners) listener();
  };
  const dead = (): never => {
    throw new Error('Attempting to use a disconnected port object');
  };
  return {
    relay: {
      postMessage(message: RelayMessage) {
        if (!open) dead();
        for (const listener of serviceListeners) listener(message);
      },
      onMessage: { addListener: (callback) => relayListeners.push(callback) },
      onDisconnect: { addListener: (callback) => relayDisconnect.push(callback) },
      disconnect: () => close(serviceDisconnect),
    },
    service: {
      ...(sender ? { sender } : {}),
      postMessage(message) {
        if (!open) dead();
        for (const listener of relayListeners) listener(message);
      },
      onMessage: { addListener: (callback) => serviceListeners.push(callback) },
      onDisconnect: { addListener: (callback) => serviceDisconnect.push(callback) },
    },
    workerStopped: () => close(relayDisconnect),
    frameClosed: () => close(serviceDisconnect),
  };
}

/** One line per entry for outcome tables: `done`, `partial:stream-error`, `failed:no-result+truncated`. */
export function outcomeOf(entry: VideoEntry): string {
  const reason = entry.failureReason ?? entry.partialReason;
  return `${entry.status}${reason ? `:${reason}` : ''}${entry.truncated ? '+truncated' : ''}`;
}

/** Splits bytes into chunks of at most `size`. */
export function* chunksOf(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

/** Fails the current test file on an unhandled rejection anywhere in it. */
export function trackUnhandledRejections(): { take(): unknown[] } {
  const seen: unknown[] = [];
  process.on('unhandledRejection', (reason) => seen.push(reason));
  return { take: () => seen.splice(0) };
}
