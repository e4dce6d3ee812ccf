import { chunkRead, type DialectRead } from './dialects/dialect';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-char-codes';

/**
 * Reads an OpenAI `chat.completion.chunk` straight from its JSON text, without `JSON.parse`
 * building the whole object (docs/benchmarks.md: parsing every event was 5× the SSE parser itself).
 *
 * Exact, not a guess: it is a strict JSON scanner. Every value is validated by the JSON grammar
 * (strings, escapes, numbers, nesting), only the fields the openai-chat dialect reads are kept,
 * and it returns what `openAiChat` would return for `JSON.parse(text)`. Whenever that is not
 * certain — not the chunk shape it knows, a duplicate of a key it reads, an escaped key, a
 * choice that is not an object, too deep — it returns undefined and the caller parses the text
 * in full. The property test (test/unit/decode/openai-chunk-fast-path.property.test.ts) holds
 * it to that on every recorded stream and on generated ones.
 */
export function readOpenAiChunkText(text: string): DialectRead | undefined {
  const quick = readByTemplate(text);
  if (quick) return quick;
  src = text;
  pos = 0;
  contentStart = -1;
  try {
    const read = readTop();
    if (read && contentStart >= 0) {
      template = {
        prefix: text.slice(0, contentStart),
        suffix: text.slice(contentEnd),
        ...(read.model === undefined ? {} : { model: read.model }),
        finished: read.finished === true,
      };
    }
    return read;
  } finally {
    src = '';
  }
}

/** What {@link readOpenAiSseRun} read: where it stopped, and the events' reads merged into one. */
export interface SseRun {
  end: number;
  read: DialectRead;
}

/**
 * Reads, from raw SSE text at `from` (where an event starts), the consecutive events that are
 * exactly `data: <template envelope with another content string>\n\n`, in one pass and without
 * eventsource-parser or JSON.parse: the bytes are scanned once (docs/benchmarks.md). Returns their merged
 * read (texts joined), or undefined when the first event there is not one of them. Only for a
 * template without line breaks (so the event is one data line) and not finished (so merging
 * the events changes nothing: same model, no end among them).
 */
export function readOpenAiSseRun(text: string, from: number): SseRun | undefined {
  const known = template;
  if (!known || known.finished) return undefined;
  const lane = (known.lane ??= laneOf(known));
  if (!lane) return undefined;
  const before = 6 + known.prefix.length; // `data: ` + envelope before the content
  const after = known.suffix.length + 2; // envelope after the content + `\n\n`
  let at = from;
  let joined = '';
  for (;;) {
    lane.lastIndex = at;
    if (!lane.test(text)) break;
    const end = lane.lastIndex;
    // The literal's inside, sliced once; only a text with escapes goes through JSON.parse.
    const inside = text.slice(at + before + 1, end - after - 1);
    joined += inside.includes('\\') ? (JSON.parse(`"${inside}"`) as string) : inside;
    at = end;
  }
  if (at === from) return undefined;
  return { end: at, read: chunkRead(known.model, joined, false) };
}

/** Characters of envelope around the content a run pattern is made for; real chunks have ~100–400. */
const MAX_ENVELOPE = 4096;

/** `data: <prefix><string literal><suffix>\n\n`, sticky; null when the envelope spans lines or is huge. */
function laneOf(known: Template): RegExp | null {
  // A huge envelope (a hostile id) is not worth a pattern compiled from it.
  if (known.prefix.length + known.suffix.length > MAX_ENVELOPE) return null;
  if (/[\r\n]/.test(known.prefix) || /[\r\n]/.test(known.suffix)) return null;
  return new RegExp(`data: ${escapeRegExp(known.prefix)}${STRING_LITERAL.source}${escapeRegExp(known.suffix)}\n\n`, 'y');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * The last chunk read in full, cut around its content string. A chunk that is the same text
 * before and after a content string is the same JSON but for that one string: its model and
 * end are the template's, its text is the new string (streams repeat one envelope per chunk).
 * Pure memoization: it holds whatever stream was read last and is right for any stream.
 */
interface Template {
  prefix: string;
  suffix: string;
  model?: string;
  finished: boolean;
  /** readOpenAiSseRun's pattern, made on first use (null: the template cannot have one). */
  lane?: RegExp | null;
}
let template: Template | undefined;

/** One JSON string literal, validated (escapes, no raw control characters); linear, no backtracking. */
// eslint-disable-next-line no-control-regex -- JSON forbids raw U+0000–U+001F in strings: they must not match
const STRING_LITERAL = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function readByTemplate(text: string): DialectRead | undefined {
  const known = template;
  if (!known) return undefined;
  const start = known.prefix.length;
  const end = text.length - known.suffix.length;
  // slice + === rather than startsWith: V8 compares same-width strings with memcmp there, which
  // is many times faster than startsWith on the two-byte text of a non-ASCII answer.
  if (end < start + 2 || text.slice(0, start) !== known.prefix || text.slice(end) !== known.suffix) return undefined;
  STRING_LITERAL.lastIndex = start;
  if (!STRING_LITERAL.test(text) || STRING_LITERAL.lastIndex !== end) return undefined;
  const content = decodeLiteral(text.slice(start, end));
  return chunkRead(known.model, content, known.finished);
}

/** A validated string literal's value: JSON.parse decodes escapes exactly as it does in a whole text. */
function decodeLiteral(literal: string): string {
  return literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
}

/** Nesting deeper than this (in skipped values) is left to JSON.parse. */
const MAX_DEPTH = 32;

// Scanner state: module-level so the hot functions take no closures (one stream is read at a time).
let src = '';
let pos = 0;
/** The value of the last string read by readString. */
let lastString = '';
/** Where the read choice's content string literal starts and ends (-1: it has none). */
let contentStart = -1;
let contentEnd = -1;

/** The JSON type of a field value the reader keeps (the string itself goes to lastString). */
type Kind = 0 | 1 | 2;
const Kind = { String: 0, Object: 1, Other: 2 } as const;

function readTop(): DialectRead | undefined {
  skipSpace();
  if (src.charCodeAt(pos) !== OPEN_BRACE) return undefined;
  pos += 1;
  let object: Kind | undefined;
  let objectValue = '';
  let model: string | undefined;
  let seenModel = false;
  let choices: ChoiceRead | undefined | null = null;
  if (!firstMember(CLOSE_BRACE)) {
    for (;;) {
      const key = readKey();
      if (key === undefined) return undefined;
      if (key === 'choices') {
        if (choices !== null) return undefined;
        choices = readChoices();
        if (choices === undefined) return undefined;
      } else if (key === 'object') {
        if (object !== undefined) return undefined;
        object = readField();
        if (object === undefined) return undefined;
        objectValue = lastString;
      } else if (key === 'model') {
        if (seenModel) return undefined;
        seenModel = true;
        const kind = readField();
        if (kind === undefined) return undefined;
        if (kind === Kind.String) model = lastString;
      } else if (!skipValue(0)) {
        return undefined;
      }
      const next = nextMember(CLOSE_BRACE);
      if (next === undefined) return undefined;
      if (next) break;
    }
  }
  skipSpace();
  if (pos !== src.length) return undefined;
  // The chunk form only: a whole `chat.completion`, or a message without `object`, is rarer
  // and has more cases (no choice, `message` parts), so it goes the full way.
  if (object !== Kind.String || objectValue !== 'chat.completion.chunk' || choices === null) return undefined;
  const trimmed = model?.trim();
  if (!choices.found) return chunkRead(trimmed, undefined, false);
  return chunkRead(trimmed, choices.text, choices.finished);
}

interface ChoiceRead {
  /** A choice with index 0 (or none, or null) exists; the first one is read, like `Array.find`. */
  found: boolean;
  text?: string;
  finished: boolean;
}

/** The content string literal of the delta read last: [start, end), or start -1. */
let deltaContentStart = -1;
let deltaContentEnd = -1;

/** `[{…}, …]`: every element must be an object; the first whose index is 0 (or absent/null) is read. */
function readChoices(): ChoiceRead | undefined {
  skipSpace();
  if (src.charCodeAt(pos) !== OPEN_BRACKET) return undefined;
  pos += 1;
  const result: ChoiceRead = { found: false, finished: false };
  if (firstMember(CLOSE_BRACKET)) return result;
  for (;;) {
    const choice = readChoice();
    if (choice === undefined) return undefined;
    if (!result.found && choice.isFirst) {
      result.found = true;
      if (choice.text !== undefined) result.text = choice.text;
      result.finished = choice.finished;
      contentStart = choice.contentStart;
      contentEnd = choice.contentEnd;
    }
    const next = nextMember(CLOSE_BRACKET);
    if (next === undefined) return undefined;
    if (next) return result;
  }
}

interface OneChoice {
  /** `(choice.index ?? 0) === 0` */
  isFirst: boolean;
  text?: string;
  finished: boolean;
  contentStart: number;
  contentEnd: number;
}

function readChoice(): OneChoice | undefined {
  skipSpace();
  if (src.charCodeAt(pos) !== OPEN_BRACE) return undefined;
  pos += 1;
  let index: 'absent' | 'zero' | 'other' = 'absent';
  let delta: 'absent' | 'read' = 'absent';
  let text: string | undefined;
  let textStart = -1;
  let textEnd = -1;
  let finishSeen = false;
  let finished = false;
  if (firstMember(CLOSE_BRACE)) return undefined; // no delta: the full path decides
  for (;;) {
    const key = readKey();
    if (key === undefined) return undefined;
    if (key === 'index') {
      if (index !== 'absent') return undefined;
      const value = readIndex();
      if (value === undefined) return undefined;
      index = value;
    } else if (key === 'delta') {
      if (delta !== 'absent') return undefined;
      delta = 'read';
      const content = readDelta();
      if (content === undefined) return undefined;
      if (content !== null) {
        text = content;
        textStart = deltaContentStart;
        textEnd = deltaContentEnd;
      }
    } else if (key === 'finish_reason') {
      if (finishSeen) return undefined;
      finishSeen = true;
      const kind = readField();
      if (kind === undefined) return undefined;
      finished = kind === Kind.String && lastString !== '';
    } else if (!skipValue(0)) {
      return undefined;
    }
    const next = nextMember(CLOSE_BRACE);
    if (next === undefined) return undefined;
    if (next) break;
  }
  // Without an object `delta` the dialect falls back to `message`: left to the full path.
  if (delta === 'absent') return undefined;
  return { isFirst: index !== 'other', ...(text === undefined ? {} : { text }), finished, contentStart: textStart, contentEnd: textEnd };
}

/** The value of `index`: `0` (any JSON number equal to 0), `null` (counts as 0), or anything else. */
function readIndex(): 'zero' | 'other' | undefined {
  skipSpace();
  const start = pos;
  const code = src.charCodeAt(pos);
  if (code === 0x6e /* n */) return skipLiteral('null') ? 'zero' : undefined;
  if (code === 0x2d /* - */ || (code >= 0x30 && code <= 0x39)) {
    if (!skipNumber()) return undefined;
    return Number(src.slice(start, pos)) === 0 ? 'zero' : 'other';
  }
  return skipValue(0) ? 'other' : undefined;
}

/** `{…}` of a delta: its `content` string, null when it has none (or not a string); undefined: not an object or not valid. */
function readDelta(): string | null | undefined {
  skipSpace();
  if (src.charCodeAt(pos) !== OPEN_BRACE) return undefined;
  pos += 1;
  let content: string | null = null;
  let seen = false;
  if (firstMember(CLOSE_BRACE)) return null;
  for (;;) {
    const key = readKey();
    if (key === undefined) return undefined;
    if (key === 'content') {
      if (seen) return undefined;
      seen = true;
      skipSpace();
      const start = pos;
      const kind = readField();
      if (kind === undefined) return undefined;
      if (kind === Kind.String) {
        content = lastString;
        deltaContentStart = start;
        deltaContentEnd = pos;
      }
    } else if (!skipValue(0)) {
      return undefined;
    }
    const next = nextMember(CLOSE_BRACE);
    if (next === undefined) return undefined;
    if (next) return content;
  }
}

/** A kept field's value: a string (into lastString) or any other value, validated and skipped. */
function readField(): Kind | undefined {
  skipSpace();
  const code = src.charCodeAt(pos);
  if (code === QUOTE) return readString() ? Kind.String : undefined;
  if (code === OPEN_BRACE) return skipValue(0) ? Kind.Object : undefined;
  return skipValue(0) ? Kind.Other : undefined;
}

/** `"key":` with the colon; undefined for an escaped key (left to the full path) or bad input. */
function readKey(): string | undefined {
  skipSpace();
  if (src.charCodeAt(pos) !== QUOTE) return undefined;
  const start = pos + 1;
  const end = src.indexOf('"', start);
  if (end < 0) return undefined;
  for (let at = start; at < end; at += 1) {
    const code = src.charCodeAt(at);
    if (code === BACKSLASH || code < 0x20) return undefined;
  }
  pos = end + 1;
  skipSpace();
  if (src.charCodeAt(pos) !== COLON) return undefined;
  pos += 1;
  return src.slice(start, end);
}

/** After `{` or `[`: true when the container is empty (and consumed). */
function firstMember(close: number): boolean {
  skipSpace();
  if (src.charCodeAt(pos) !== close) return false;
  pos += 1;
  return true;
}

/** After a member: true at the closing bracket (consumed), false after a comma, undefined otherwise. */
function nextMember(close: number): boolean | undefined {
  skipSpace();
  const code = src.charCodeAt(pos);
  pos += 1;
  if (code === COMMA) return false;
  if (code === close) return true;
  return undefined;
}

function skipSpace(): void {
  for (;;) {
    const code = src.charCodeAt(pos);
    // JSON's whitespace: space, tab, line feed, carriage return.
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) pos += 1;
    else return;
  }
}

/** A string literal at pos into lastString, decoded exactly as JSON.parse does. */
function readString(): boolean {
  STRING_LITERAL.lastIndex = pos;
  if (!STRING_LITERAL.test(src)) return false;
  const end = STRING_LITERAL.lastIndex;
  lastString = decodeLiteral(src.slice(pos, end));
  pos = end;
  return true;
}

/** Validates any JSON value at pos and moves past it. */
function skipValue(depth: number): boolean {
  skipSpace();
  const code = src.charCodeAt(pos);
  switch (code) {
    case QUOTE:
      return skipString();
    case OPEN_BRACE: {
      if (depth >= MAX_DEPTH) return false;
      pos += 1;
      if (firstMember(CLOSE_BRACE)) return true;
      for (;;) {
        skipSpace();
        if (src.charCodeAt(pos) !== QUOTE || !skipString()) return false;
        skipSpace();
        if (src.charCodeAt(pos) !== COLON) return false;
        pos += 1;
        if (!skipValue(depth + 1)) return false;
        const next = nextMember(CLOSE_BRACE);
        if (next === undefined) return false;
        if (next) return true;
      }
    }
    case OPEN_BRACKET: {
      if (depth >= MAX_DEPTH) return false;
      pos += 1;
      if (firstMember(CLOSE_BRACKET)) return true;
      for (;;) {
        if (!skipValue(depth + 1)) return false;
        const next = nextMember(CLOSE_BRACKET);
        if (next === undefined) return false;
        if (next) return true;
      }
    }
    case 0x74 /* t */:
      return skipLiteral('true');
    case 0x66 /* f */:
      return skipLiteral('false');
    case 0x6e /* n */:
      return skipLiteral('null');
    default:
      return skipNumber();
  }
}

/** A string literal, validated but not decoded. */
function skipString(): boolean {
  STRING_LITERAL.lastIndex = pos;
  if (!STRING_LITERAL.test(src)) return false;
  pos = STRING_LITERAL.lastIndex;
  return true;
}

function skipLiteral(literal: string): boolean {
  if (!src.startsWith(literal, pos)) return false;
  pos += literal.length;
  return true;
}

/** JSON's number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
function skipNumber(): boolean {
  let at = pos;
  if (src.charCodeAt(at) === 0x2d) at += 1;
  const first = src.charCodeAt(at);
  if (first === 0x30) at += 1;
  else if (first >= 0x31 && first <= 0x39) at = digits(at + 1);
  else return false;
  if (src.charCodeAt(at) === 0x2e) {
    const end = digits(at + 1);
    if (end === at + 1) return false;
    at = end;
  }
  const exponent = src.charCodeAt(at);
  if (exponent === 0x65 || exponent === 0x45) {
    at += 1;
    const sign = src.charCodeAt(at);
    if (sign === 0x2b || sign === 0x2d) at += 1;
    const end = digits(at);
    if (end === at) return false;
    at = end;
  }
  pos = at;
  return true;
}

function digits(from: number): number {
  let at = from;
  for (;;) {
    const code = src.charCodeAt(at);
    if (code >= 0x30 && code <= 0x39) at += 1;
    else return at;
  }
}
