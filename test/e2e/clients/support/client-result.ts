/** What a test page's client library gave the page, returned by `window.runClient()`. */
export interface ClientResult {
  /** The answer text as the page put it together from what the library yielded. */
  text: string;
  /** What the library yielded, in order (chunks, events, payloads), to compare with what was sent. */
  received: unknown[];
}

/** What every test page defines. */
export type RunClient = (options?: Record<string, unknown>) => Promise<ClientResult>;

/** Called by each test page: makes its client reachable from the test (`page.evaluate`). */
export function exposeClient(run: RunClient): void {
  (globalThis as unknown as { runClient: RunClient }).runClient = run;
}
