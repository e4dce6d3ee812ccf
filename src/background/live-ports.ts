/** What the capture service asks of one connected relay Port. */
export interface LivePort {
  /** Ids of the entries its open streams have made so far. */
  entryIds(): Iterable<string>;
  /** Resolves once every message it has taken is handled (Blobs read). */
  idle(): Promise<void>;
}

/** The relay Ports connected to the capture service. */
export interface LivePorts {
  /** Adds a Port; the returned function removes it (its end). */
  add(port: LivePort): () => void;
  /** Ids of entries whose stream is still being received, on any Port. */
  entryIds(): Set<string>;
  /** Resolves once every Port is idle. */
  idle(): Promise<void>;
}

/**
 * The connected relay Ports: what the stale sweep must leave alone (entries still streaming),
 * and what a caller waits for before the write queue is idle.
 */
export function createLivePorts(): LivePorts {
  const ports = new Set<LivePort>();
  return {
    add(port) {
      ports.add(port);
      return () => ports.delete(port);
    },
    entryIds() {
      const ids = new Set<string>();
      for (const port of ports) for (const id of port.entryIds()) ids.add(id);
      return ids;
    },
    idle: async () => {
      await Promise.all([...ports].map((port) => port.idle()));
    },
  };
}
