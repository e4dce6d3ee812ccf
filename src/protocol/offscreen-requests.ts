import type { OffscreenRequest } from './messages';

type OffscreenRequestType = OffscreenRequest['type'];

/** What the offscreen document answers to each request (src/offline/offscreen-urls.ts). */
export interface OffscreenResponses {
  'offscreen-object-url': { url: string | undefined };
  'offscreen-revoke': { ok: true };
}

/**
 * The offscreen document's requests, described once as the background's are
 * (src/protocol/background-requests.ts): how the document reads one from a runtime message
 * (undefined: not answered) and how the service worker reads its answer (undefined: a bad one).
 */
export const OFFSCREEN_REQUESTS: {
  [T in OffscreenRequestType]: {
    request: (value: Record<string, unknown>) => Extract<OffscreenRequest, { type: T }> | undefined;
    response: (value: unknown) => OffscreenResponses[T] | undefined;
  };
} = {
  'offscreen-object-url': {
    request: (value) =>
      typeof value.id === 'string' && value.id.length <= 5000
        ? { type: 'offscreen-object-url', id: value.id, ...(value.embed === true && { embed: true }), ...(value.fetch === true && { fetch: true }) }
        : undefined,
    response: (value) => (isRecord(value) ? { url: typeof value.url === 'string' && value.url.startsWith('blob:') ? value.url : undefined } : undefined),
  },
  'offscreen-revoke': {
    // Only a URL the document made: never an address the page or a message could choose.
    request: (value) => (typeof value.url === 'string' && value.url.startsWith('blob:') ? { type: 'offscreen-revoke', url: value.url } : undefined),
    response: (value) => (isRecord(value) && value.ok === true ? { ok: true } : undefined),
  },
};

/** The offscreen request in a runtime message, or undefined for any other message. */
export function parseOffscreenRequest(message: unknown): OffscreenRequest | undefined {
  if (!isRecord(message) || typeof message.type !== 'string' || !Object.hasOwn(OFFSCREEN_REQUESTS, message.type)) return undefined;
  return OFFSCREEN_REQUESTS[message.type as OffscreenRequestType].request(message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
