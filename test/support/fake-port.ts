/** A pair of connected in-memory ports with the shape of `runtime.Port`, for unit tests. */
export interface FakePort<In, Out> {
  sender?: { id?: string; url?: string; frameId?: number; tab?: { id?: number } };
  posted: Out[];
  postMessage(message: Out): void;
  onMessage: { addListener(callback: (message: In) => void): void };
  onDisconnect: { addListener(callback: () => void): void };
  disconnect(): void;
  /** Delivers a message to this port's listeners, as if the other side sent it. */
  deliver(message: In): void;
  /** Fires the disconnect listeners, as if the other side went away. */
  drop(): void;
}

export function createFakePort<In, Out>(sender?: FakePort<In, Out>['sender']): FakePort<In, Out> {
  const messageListeners: Array<(message: In) => void> = [];
  const disconnectListeners: Array<() => void> = [];
  let connected = true;
  return {
    ...(sender ? { sender } : {}),
    posted: [],
    postMessage(message) {
      if (!connected) throw new Error('Attempting to use a disconnected port object');
      this.posted.push(message);
    },
    onMessage: { addListener: (callback) => messageListeners.push(callback) },
    onDisconnect: { addListener: (callback) => disconnectListeners.push(callback) },
    disconnect() {
      connected = false;
    },
    deliver(message) {
      for (const listener of messageListeners) listener(message);
    },
    drop() {
      connected = false;
      for (const listener of disconnectListeners) listener();
    },
  };
}
