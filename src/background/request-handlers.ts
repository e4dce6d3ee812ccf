import { parseBackgroundRequest } from '../protocol/background-requests';
import type { BackgroundRequest, BackgroundRequests, BackgroundRequestType } from '../protocol/messages';

/** One async handler per named request; the map is the background's whole request API. */
export type RequestHandlers = {
  [T in BackgroundRequestType]: (
    request: BackgroundRequests[T]['request'],
  ) => Promise<BackgroundRequests[T]['response']>;
};

/**
 * Routes a runtime message to its named handler, read through the protocol table
 * (src/protocol/background-requests.ts). Returns undefined (no answer) for anything that is not
 * a known request with a valid shape, so other listeners can answer.
 */
export function dispatchRequest(handlers: RequestHandlers, message: unknown): Promise<unknown> | undefined {
  const request = parseBackgroundRequest(message);
  return request && handle(handlers, request);
}

/** The handler of `request`'s own type (the table's parser gave it that type's shape). */
function handle(handlers: RequestHandlers, request: BackgroundRequest): Promise<unknown> {
  const handler = handlers[request.type] as (request: BackgroundRequest) => Promise<unknown>;
  return handler(request);
}
