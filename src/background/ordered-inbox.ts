/** Items of one Port, delivered one at a time in the order they came. */
export interface OrderedInbox<T> {
  /**
   * Takes an item, or a function that starts making one (a Blob read): it is delivered after
   * every item taken before it. A ready item with nothing waiting ahead of it is delivered at
   * once; a function is called only when the items before it are delivered, so reads happen one
   * at a time. Its promise must not reject: the caller turns a failure into an item of its own.
   */
  put(item: T | (() => Promise<T>)): void;
  /** Resolves once everything taken so far has been delivered. */
  idle(): Promise<void>;
}

/**
 * Keeps a Port's messages in order when some of them need an asynchronous step before they can
 * be handled (the bytes of a `stream-blob`), so a stream's end is never handled before its last
 * batch, and holds at most one Blob's bytes at a time. Items behind a pending one wait.
 */
export function createOrderedInbox<T>(deliver: (item: T) => void): OrderedInbox<T> {
  const queue: Array<T | (() => Promise<T>)> = [];
  let draining: Promise<void> | undefined;

  const drain = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const item = typeof next === 'function' ? await (next as () => Promise<T>)() : next;
      try {
        deliver(item);
      } catch {
        // The deliverer logs its own failures; one bad item must not stop the ones behind it.
      }
    }
    draining = undefined;
  };

  return {
    put(item) {
      if (!draining && typeof item !== 'function') {
        deliver(item);
        return;
      }
      queue.push(item);
      draining ??= drain();
    },
    idle: () => draining ?? Promise.resolve(),
  };
}
