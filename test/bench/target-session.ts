import type { CDPSession } from 'playwright-core';

/** A CDP session on one target reached through the browser session (for the service worker). */
export interface TargetSession {
  /** Typed like Playwright's `CDPSession.send`. */
  send: CDPSession['send'];
  detach(): Promise<void>;
}

/**
 * Attaches to `targetId` over the browser-level session. Playwright gives CDP sessions for pages
 * and frames only, and its sessions cannot address a flattened child session; the non-flat mode
 * (`Target.sendMessageToTarget`, deprecated but still served by Chromium 156) reaches the
 * extension's service worker without a second DevTools client.
 */
export async function attachToTarget(browserSession: CDPSession, targetId: string): Promise<TargetSession> {
  const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId, flatten: false });
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const onMessage = (event: { sessionId: string; message: string }): void => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return; // an event
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error.message));
    else waiter?.resolve(message.result);
  };
  browserSession.on('Target.receivedMessageFromTarget', onMessage);
  return {
    send: ((method: string, params?: object) => {
      const id = nextId++;
      return new Promise<unknown>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        browserSession
          .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: params ?? {} }) })
          .catch((error: unknown) => {
            pending.delete(id);
            reject(error instanceof Error ? error : new Error(String(error)));
          });
      });
    }) as CDPSession['send'],
    async detach() {
      browserSession.off('Target.receivedMessageFromTarget', onMessage);
      for (const waiter of pending.values()) waiter.reject(new Error('detached'));
      pending.clear();
      await browserSession.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    },
  };
}
