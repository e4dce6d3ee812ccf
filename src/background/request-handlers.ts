import type { BackgroundRequest, BackgroundRequests, BackgroundRequestType } from '../protocol/messages';

/** One async handler per named request; the map is the background's whole request API. */
export type RequestHandlers = {
  [T in BackgroundRequestType]: (
    request: BackgroundRequests[T]['request'],
  ) => Promise<BackgroundRequests[T]['response']>;
};

/**
 * Routes a runtime message to its named handler. Returns undefined (no answer) for
 * anything that is not a known request with a valid shape, so other listeners can answer.
 */
export function dispatchRequest(handlers: RequestHandlers, message: unknown): Promise<unknown> | undefined {
  const request = parseRequest(message);
  if (!request) return undefined;
  switch (request.type) {
    case 'download-entry':
      return handlers['download-entry'](request);
  }
}

function parseRequest(message: unknown): BackgroundRequest | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const value = message as Record<string, unknown>;
  if (value.type === 'download-entry' && typeof value.id === 'string' && value.id.length <= 5000) {
    return { type: 'download-entry', id: value.id };
  }
  return undefined;
}
