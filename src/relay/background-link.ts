import type { BackgroundToRelayMessage, RelayMessage } from '../protocol/messages';

/** The parts of a `runtime.Port` the relay uses. */
export interface RelayPort {
  postMessage(message: RelayMessage): void;
  onMessage: { addListener(callback: (message: BackgroundToRelayMessage) => void): void };
  onDisconnect: { addListener(callback: () => void): void };
  disconnect(): void;
}

export interface BackgroundLinkOptions {
  /** Opens a Port to the background; throws when the extension was reloaded or removed. */
  connect(): RelayPort;
  warn(message: string): void;
  /** A message from the background on the current Port. */
  onMessage(message: BackgroundToRelayMessage): void;
  /** Whether anything is still unconfirmed when the Port breaks, so that a new one is opened for it. */
  unconfirmed(): boolean;
  /** A new Port replaced a broken one: send it everything unconfirmed. */
  onReconnect(): void;
  /** The extension context is gone: nothing will be delivered again. */
  onStop(): void;
}

/** The relay's end of its runtime Port, opened on the first message and again whenever it breaks. */
export interface BackgroundLink {
  send(message: RelayMessage): void;
  /** Stops for good and closes the Port. */
  stop(): void;
  stopped(): boolean;
}

/**
 * The runtime Port to the background. Chrome stops an idle service worker, which breaks the
 * Port: the link then opens a new one at once, if anything is unconfirmed, and has it replayed
 * (`onReconnect`). A Port that cannot be opened means the extension was reloaded or removed:
 * the link stops for good.
 */
export function createBackgroundLink(options: BackgroundLinkOptions): BackgroundLink {
  let port: RelayPort | undefined;
  let stopped = false;

  const connect = (): RelayPort | undefined => {
    let opened: RelayPort;
    try {
      opened = options.connect();
    } catch (error) {
      // The extension was reloaded or removed: this relay can never deliver again.
      options.warn(`capture relay stopped: ${String(error)}`);
      stop();
      return undefined;
    }
    port = opened;
    opened.onMessage.addListener((message) => options.onMessage(message));
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = undefined;
      // The worker was stopped mid-stream (or restarted): give a new one everything unconfirmed.
      if (options.unconfirmed() && !stopped && connect()) options.onReconnect();
    });
    return opened;
  };

  function stop(): void {
    stopped = true;
    options.onStop();
    const current = port;
    port = undefined;
    try {
      current?.disconnect();
    } catch {
      // already gone
    }
  }

  return {
    send(message) {
      if (stopped) return;
      const target = port ?? connect();
      try {
        target?.postMessage(message);
      } catch {
        // A dead port: its disconnect handler reconnects and replays.
      }
    },
    stop,
    stopped: () => stopped,
  };
}
