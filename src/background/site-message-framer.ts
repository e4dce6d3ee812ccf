import { MAX_JSON_BODY, type StreamIssue } from '../decode/answer-reassembler';
import { createBatchexecuteDecoder } from '../decode/batchexecute-decoder';
import { createJsonLinesDecoder } from '../decode/json-lines-decoder';
import { createJsonSequenceDecoder } from '../decode/json-sequence-decoder';
import { createMultipartMixedDecoder } from '../decode/multipart-mixed-decoder';
import { createSseDecoder } from '../decode/sse-decoder';
import type { SiteFraming } from '../sites/extractors';

/** Takes a response's text as it comes and hands each whole message on. */
export interface SiteMessageFramer {
  feed(text: string): void;
  end(): void;
}

/** The decoder of an endpoint's framing (src/decode/): each whole message's text goes to `read`. */
export function siteMessageFramer(
  framing: SiteFraming,
  contentType: string,
  read: (text: string) => void,
  issue: (type: StreamIssue['type'], message: string) => void,
  label: string,
): SiteMessageFramer {
  switch (framing) {
    case 'sse':
      return createSseDecoder(
        (event) => read(event.data),
        (decodeIssue) => issue(decodeIssue.type, decodeIssue.message),
      );
    case 'batchexecute':
      return createBatchexecuteDecoder(read, (decodeIssue) => issue(decodeIssue.type, `${label}: ${decodeIssue.message}`), MAX_JSON_BODY);
    case 'json-lines':
      return createJsonLinesDecoder(read, () => issue('too-large', `${label}: a JSON value larger than ${MAX_JSON_BODY} characters was dropped`), MAX_JSON_BODY);
    case 'multipart':
      return createMultipartMixedDecoder(contentType, read, () => issue('too-large', `${label}: a JSON value larger than ${MAX_JSON_BODY} characters was dropped`), MAX_JSON_BODY);
    case 'json':
      return createJsonSequenceDecoder(read, () => issue('too-large', `${label}: a JSON value larger than ${MAX_JSON_BODY} characters was dropped`), MAX_JSON_BODY);
  }
}
