/**
 * Google's batchexecute framing, as Gemini (`/_/BardChatUi/data/batchexecute`, `StreamGenerate`)
 * and Flow's new front end answer with `rt=c`: an anti-XSSI line `)]}'`, then frames, each a
 * decimal length on its own line followed by that many UTF-16 code units of JSON (the count
 * starts right after the digits, so it takes in the newline after them and the one after the
 * JSON). JavaScript strings are UTF-16, so the count is a plain string length here. Without
 * `rt=c` the body after `)]}'` is one JSON array with no length: that is handed on whole.
 *
 * Each frame is a list of envelopes: `["wrb.fr", rpcId, "<payload JSON as a string>", …]` for a
 * result, `["er", …]` for a failed call, `["di", ms]` and `["af.httprm", …]` for timing.
 * `batchexecuteResults` reads the results of one frame, parsing each payload (JSON in a string).
 */
export interface BatchexecuteDecoder {
  feed(text: string): void;
  /** The body is over: an unframed body is handed on; a frame cut short is dropped. */
  end(): void;
}

export interface BatchexecuteIssue {
  type: 'too-large' | 'not-json';
  message: string;
}

const XSSI = ")]}'";
/** A frame length has at most this many digits (10^9 code units is far beyond any frame kept). */
const MAX_LENGTH_DIGITS = 9;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Streaming decoder of batchexecute bodies: fed text in chunks split anywhere (inside the
 * prefix, a length, a frame or a character's surrogate pair), it hands each frame's JSON text
 * to `onFrame` once it is whole. Linear time: each character is looked at once, a frame's
 * pieces are joined once. A frame longer than `maxFrame` is skipped (its length says how far)
 * and reported; text that is neither a length nor a frame stops the decoding, reported once.
 */
export function createBatchexecuteDecoder(
  onFrame: (json: string) => void,
  onIssue: (issue: BatchexecuteIssue) => void,
  maxFrame: number,
): BatchexecuteDecoder {
  type State = 'prefix' | 'length' | 'frame' | 'unframed' | 'broken';
  let state: State = 'prefix';
  /** How much of `)]}'` has been seen. */
  let prefixSeen = 0;
  let digits = '';
  /** Code units of the current frame still to come. */
  let remaining = 0;
  let parts: string[] = [];
  let size = 0;
  let skipping = false;

  const emit = (text: string): void => {
    const json = text.trim();
    if (json !== '') onFrame(json);
  };
  const stop = (what: string): void => {
    state = 'broken';
    parts = [];
    onIssue({ type: 'not-json', message: `batchexecute framing broken: ${what.slice(0, 40)}` });
  };

  const feedFrom = (text: string, from: number): void => {
    let index = from;
    while (index < text.length) {
      switch (state) {
        case 'prefix': {
          const code = text.charCodeAt(index);
          if (prefixSeen === 0 && (isSpace(code) || code === 0xfeff)) {
            index += 1;
            continue;
          }
          if (code === XSSI.charCodeAt(prefixSeen)) {
            prefixSeen += 1;
            index += 1;
            if (prefixSeen === XSSI.length) state = 'length';
            continue;
          }
          if (prefixSeen > 0) {
            stop(XSSI.slice(0, prefixSeen) + text.slice(index, index + 8));
            return;
          }
          // No prefix at all: lengths or a bare array follow.
          state = 'length';
          continue;
        }
        case 'length': {
          const code = text.charCodeAt(index);
          if (isDigit(code)) {
            digits += text.charAt(index);
            if (digits.length > MAX_LENGTH_DIGITS) {
              stop(digits);
              return;
            }
            index += 1;
            continue;
          }
          if (digits === '') {
            if (isSpace(code)) {
              index += 1;
              continue;
            }
            if (code === 0x5b /* [ */) {
              state = 'unframed';
              continue;
            }
            stop(text.slice(index, index + 40));
            return;
          }
          remaining = Number(digits);
          digits = '';
          skipping = remaining > maxFrame;
          if (skipping) onIssue({ type: 'too-large', message: `a batchexecute frame of ${remaining} characters was dropped` });
          state = 'frame';
          continue;
        }
        case 'frame': {
          const take = Math.min(remaining, text.length - index);
          if (!skipping) {
            parts.push(text.slice(index, index + take));
            size += take;
          }
          index += take;
          remaining -= take;
          if (remaining === 0) {
            if (!skipping) emit(parts.length === 1 ? (parts[0] ?? '') : parts.join(''));
            parts = [];
            size = 0;
            skipping = false;
            state = 'length';
          }
          continue;
        }
        case 'unframed': {
          const rest = text.length - index;
          if (!skipping && size + rest > maxFrame) {
            skipping = true;
            parts = [];
            onIssue({ type: 'too-large', message: `a batchexecute body over ${maxFrame} characters was dropped` });
          }
          if (!skipping) {
            parts.push(index === 0 ? text : text.slice(index));
            size += rest;
          }
          return;
        }
        case 'broken':
          return;
      }
    }
  };

  return {
    feed(text) {
      feedFrom(text, 0);
    },
    end() {
      if (state === 'unframed' && !skipping) emit(parts.join(''));
      // A length with no frame yet, or a frame cut short: nothing whole to hand on.
      parts = [];
      state = 'broken';
    },
  };
}

/** One result envelope of a frame: which call it answers and its payload, parsed. */
export interface BatchexecuteResult {
  /** The rpc id (`hNvQHb`…); StreamGenerate's envelopes carry none. */
  rpcId?: string;
  payload: unknown;
}

/** A payload (JSON in a string) longer than this is not parsed. */
const MAX_PAYLOAD = 8 * 1024 * 1024;

/**
 * The `wrb.fr` envelopes of one parsed frame, each payload parsed from its string; `undefined`
 * when the value is not a frame (not a list of envelopes). Envelopes without a payload (a call
 * still running, `er`, `di`) are left out.
 */
export function batchexecuteResults(frame: unknown): BatchexecuteResult[] | undefined {
  if (!Array.isArray(frame)) return undefined;
  const results: BatchexecuteResult[] = [];
  for (const envelope of frame as unknown[]) {
    if (!Array.isArray(envelope)) return undefined;
    const [kind, rpcId, payload] = envelope as unknown[];
    if (kind !== 'wrb.fr' || typeof payload !== 'string' || payload.length > MAX_PAYLOAD) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload) as unknown;
    } catch {
      continue;
    }
    results.push({ ...(typeof rpcId === 'string' && rpcId !== '' ? { rpcId } : {}), payload: parsed });
  }
  return results;
}
