import type { BackgroundToRelayMessage } from '../protocol/messages';

/** The parts of a `runtime.Port` the capture service uses (so tests can pass a plain object). */
export interface CapturePort {
  readonly sender?: { id?: string; url?: string; frameId?: number; tab?: { id?: number } };
  postMessage(message: BackgroundToRelayMessage): void;
  onMessage: { addListener(callback: (message: unknown) => void): void };
  onDisconnect: { addListener(callback: () => void): void };
}
