import { BACKGROUND_REQUESTS, type BackgroundResponse } from '../protocol/background-requests';
import type { BackgroundRequest, EntriesChanged } from '../protocol/messages';
import { t } from '../i18n/t';

export type { BackgroundResponse } from '../protocol/background-requests';

/** Sends a request to the background and resolves with its checked, typed response. */
export type SendToBackground = <R extends BackgroundRequest>(request: R) => Promise<BackgroundResponse<R['type']>>;

/** Why a request got no usable answer. */
export class BackgroundClientError extends Error {
  constructor(
    readonly type: 'send-failed' | 'no-response' | 'bad-response',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'BackgroundClientError';
  }
}

/**
 * Builds `sendToBackground` over `runtime.sendMessage` (passed in, so this module has no
 * `browser` import and tests need no extension). Rejects with a `BackgroundClientError`.
 */
export function createBackgroundSender(sendMessage: (message: unknown) => Promise<unknown>): SendToBackground {
  return async (request) => {
    let value: unknown;
    try {
      value = await sendMessage(request);
    } catch (error) {
      // Chrome: "Could not establish connection. Receiving end does not exist." while the
      // service worker is being replaced after an update.
      throw new BackgroundClientError('send-failed', t('backgroundNoAnswer', errorText(error)), { cause: error });
    }
    if (value === undefined) {
      throw new BackgroundClientError('no-response', t('backgroundNoResponse', request.type));
    }
    // Each answer is parsed once, by the protocol table, into its type.
    const response = parseResponse(request, value);
    if (response === undefined) {
      throw new BackgroundClientError('bad-response', t('backgroundBadResponse', request.type));
    }
    return response;
  };
}

function parseResponse<R extends BackgroundRequest>(request: R, value: unknown): BackgroundResponse<R['type']> | undefined {
  const parse = BACKGROUND_REQUESTS[request.type].response as (value: unknown) => BackgroundResponse<R['type']> | undefined;
  return parse(value);
}

/** Whether a runtime message is the background's "stored entries changed" broadcast. */
export function isEntriesChanged(message: unknown): message is EntriesChanged {
  return isRecord(message) && message.type === 'entries-changed';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
