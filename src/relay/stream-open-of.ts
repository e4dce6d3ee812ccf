import type { PageMessage, StreamOpen } from '../protocol/messages';
import { requestModelOf } from './parse-page-message';

/**
 * The `stream-open` the background is sent for a page's `open`. A request body crosses only
 * from a video app's page (`requestBodies`, see forwardsRequestBodies); elsewhere only the
 * `model` of a chat's request does, the one thing a chat dialect reads from it.
 */
export function streamOpenOf(
  message: Extract<PageMessage, { kind: 'open' }>,
  streamId: string,
  startedAt: number,
  requestBodies: boolean,
): StreamOpen {
  const requestModel = requestModelOf(message.requestBody);
  return {
    type: 'stream-open',
    streamId,
    // A WebSocket's URL: the background takes http(s) endpoints only.
    endpointUrl: message.url.replace(/^ws(s?):/i, (_, secure: string) => (secure ? 'https:' : 'http:')),
    contentType: message.contentType,
    startedAt,
    ...(requestModel ? { requestModel } : {}),
    ...(message.method ? { method: message.method } : {}),
    ...(message.requestBody && requestBodies ? { requestBody: message.requestBody } : {}),
  };
}
