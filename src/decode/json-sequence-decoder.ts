import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-char-codes';

/** Splits JSON text into top-level values as they close, without parsing them. */
export interface JsonSequenceDecoder {
  feed(text: string): void;
  /** The stream is over: a value still open is handed on as it is (its parse then fails, and says so). */
  end(): void;
}

const BOM = 0xfeff;
/** Characters that cannot be part of a number or a literal (`true`, `null`…). */
const DELIMITERS = new Set([COMMA, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, QUOTE]);

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * Streaming splitter of JSON text: one whole body, values one after another (`{…}{…}`, one
 * per line, or any whitespace between), or, when the text opens with `[`, the elements of that
 * one array as it streams in (Gemini's `streamGenerateContent` without `alt=sse` sends
 * `[{…}\n,\r\n{…}]` over many chunks). Each value's text goes to `onValue` as soon as it closes,
 * so a long stream costs linear time and holds one value at a time. A value longer than
 * `maxValue` characters is skipped and `onOversized` is called instead.
 */
export function createJsonSequenceDecoder(
  onValue: (text: string) => void,
  onOversized: () => void,
  maxValue: number,
): JsonSequenceDecoder {
  let started = false;
  let inArray = false;
  let inValue = false;
  let primitive = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let size = 0;
  let oversized = false;

  const finishValue = (last: string): void => {
    const text = parts.length === 0 ? last : parts.join('') + last;
    const dropped = oversized || size + last.length > maxValue;
    parts = [];
    size = 0;
    oversized = false;
    inValue = false;
    if (dropped) onOversized();
    else onValue(text);
  };

  return {
    feed(text) {
      let start = 0;
      let index = 0;
      while (index < text.length) {
        const code = text.charCodeAt(index);
        if (!inValue) {
          if (isSpace(code) || code === BOM) {
            index += 1;
            continue;
          }
          if (!started) {
            started = true;
            if (code === OPEN_BRACKET) {
              inArray = true;
              index += 1;
              continue;
            }
          }
          if (inArray && code === COMMA) {
            index += 1;
            continue;
          }
          if (inArray && code === CLOSE_BRACKET) {
            // The array stream is closed; anything after it is read as plain values.
            inArray = false;
            index += 1;
            continue;
          }
          inValue = true;
          start = index;
          depth = 0;
          inString = false;
          escaped = false;
          primitive = code !== OPEN_BRACE && code !== OPEN_BRACKET && code !== QUOTE;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (code === BACKSLASH) escaped = true;
          else if (code === QUOTE) {
            inString = false;
            if (depth === 0) {
              finishValue(text.slice(start, index + 1));
              index += 1;
              continue;
            }
          }
        } else if (primitive) {
          if (isSpace(code) || DELIMITERS.has(code)) {
            // A number or literal ends at the first character that cannot belong to it; that
            // character is read again as the start of what follows.
            if (index > start || size > 0 || oversized) {
              finishValue(text.slice(start, index));
              continue;
            }
            // A stray closing bracket or comma at top level: let JSON.parse say what is wrong.
            finishValue(text.slice(start, index + 1));
          }
        } else if (code === QUOTE) {
          inString = true;
        } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
          depth += 1;
        } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
          depth -= 1;
          if (depth === 0) {
            finishValue(text.slice(start, index + 1));
          }
        }
        index += 1;
      }
      if (inValue) {
        const rest = text.slice(start);
        size += rest.length;
        if (size > maxValue) {
          oversized = true;
          parts = [];
        } else {
          parts.push(rest);
        }
      }
    },
    end() {
      if (inValue) finishValue('');
    },
  };
}
