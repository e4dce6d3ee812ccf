/**
 * True when `text` cannot be one JSON value, judged by its first and last characters: no
 * value starts or ends otherwise. A failed `JSON.parse` costs about 30 µs (the error it
 * builds), so a stream of short lines that are not JSON costs far more than its bytes;
 * this check sends most of them away without one.
 */
export function cannotBeJson(text: string): boolean {
  let start = 0;
  let end = text.length - 1;
  while (start <= end && isJsonSpace(text.charCodeAt(start))) start += 1;
  while (end >= start && isJsonSpace(text.charCodeAt(end))) end -= 1;
  if (start > end) return true;
  return !FIRST.includes(text.charAt(start)) || !LAST.includes(text.charAt(end));
}

/** What a JSON value starts with: an object, array, string, number, `true`, `false` or `null`. */
const FIRST = '{["-0123456789tfn';
/** What it ends with: `}`, `]`, `"`, a digit, `true`/`false` (`e`) or `null` (`l`). */
const LAST = '}]"0123456789el';

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
