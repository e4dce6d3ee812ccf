/** The raw fields of a task line: `VideoTask(id=…, image_url=…, prompt=…)`. */
export interface TaskLineFields {
  id: string;
  /** Untrimmed, as the line writes it. */
  image: string;
  /** Untrimmed, as the line writes it. */
  prompt: string;
}

const OPEN = 'VideoTask(id=';
const IMAGE = 'image_url=';
const PROMPT = 'prompt=';
const MAX_ID = 128;

/**
 * Reads the task line a video model echoes first, in time linear in the line's length. It
 * answers exactly what `/VideoTask\(id=([A-Za-z0-9_.:-]{1,128}),\s*image_url=(.*?),\s*prompt=(.*)\)\s*$/`
 * would (leftmost task, shortest image, the prompt up to the line's closing parenthesis), but
 * that pattern backtracks cubically on a long line of unclosed near-matches, so it is scanned
 * by hand: the closing parenthesis is found once, the commas that open a prompt once, and each
 * task opening is then checked against them with cursors that only move forward.
 */
export function readTaskLine(line: string): TaskLineFields | undefined {
  let first = line.indexOf(OPEN);
  if (first < 0) return undefined;
  // `\)\s*$`: the last character that is not white space closes the task.
  let close = line.length - 1;
  while (close >= 0 && isSpace(line.charCodeAt(close))) close -= 1;
  if (close < first || line.charCodeAt(close) !== 0x29) return undefined;
  // `(.*)` holds no line terminator: the prompt starts after the last one before the close.
  let lastBreak = close - 1;
  while (lastBreak >= 0 && !isLineBreak(line.charCodeAt(lastBreak))) lastBreak -= 1;

  const prompts = new PromptCommas(line, close, lastBreak);
  let nextBreak = -1;
  for (; first >= 0; first = line.indexOf(OPEN, first + 1)) {
    const imageStart = imageStartAfter(line, first + OPEN.length);
    if (imageStart < 0) continue;
    const comma = prompts.firstFrom(imageStart);
    if (comma === undefined) return undefined;
    // `(.*?)`: the image holds no line terminator either.
    if (nextBreak < imageStart) nextBreak = nextLineBreak(line, imageStart);
    if (nextBreak >= 0 && nextBreak < comma.at) continue;
    return {
      id: line.slice(first + OPEN.length, line.indexOf(',', first + OPEN.length)),
      image: line.slice(imageStart, comma.at),
      prompt: line.slice(comma.prompt, close),
    };
  }
  return undefined;
}

/** Where the image of a task opened at `from` (its id) starts, or -1 when the id or `image_url=` is not there. */
function imageStartAfter(line: string, from: number): number {
  let at = from;
  const idEnd = Math.min(line.length, from + MAX_ID + 1);
  while (at < idEnd && isIdChar(line.charCodeAt(at))) at += 1;
  if (at === from || at - from > MAX_ID || line.charCodeAt(at) !== 0x2c) return -1;
  at = skipSpaces(line, at + 1);
  return line.startsWith(IMAGE, at) ? at + IMAGE.length : -1;
}

/**
 * The commas of a line that open a prompt (`,\s*prompt=`) whose text reaches the closing
 * parenthesis without a line break, found in one forward pass however often they are asked for.
 */
class PromptCommas {
  private cursor = 0;
  private found: { at: number; prompt: number } | undefined;

  constructor(
    private readonly line: string,
    private readonly close: number,
    private readonly lastBreak: number,
  ) {}

  /** The first such comma at or after `from`; `from` never decreases between calls. */
  firstFrom(from: number): { at: number; prompt: number } | undefined {
    if (this.found && this.found.at >= from) return this.found;
    this.found = undefined;
    const line = this.line;
    let at = Math.max(from, this.cursor);
    for (let comma = line.indexOf(',', at); comma >= 0 && comma < this.close; comma = line.indexOf(',', at)) {
      const word = skipSpaces(line, comma + 1);
      // The spaces after a comma hold no comma, so the next search starts past them.
      at = Math.max(comma + 1, word);
      const prompt = word + PROMPT.length;
      if (line.startsWith(PROMPT, word) && prompt <= this.close && prompt > this.lastBreak) {
        this.cursor = at;
        this.found = { at: comma, prompt };
        return this.found;
      }
    }
    this.cursor = line.length;
    return undefined;
  }
}

function skipSpaces(line: string, from: number): number {
  let at = from;
  while (at < line.length && isSpace(line.charCodeAt(at))) at += 1;
  return at;
}

function nextLineBreak(line: string, from: number): number {
  for (let at = from; at < line.length; at += 1) if (isLineBreak(line.charCodeAt(at))) return at;
  return line.length;
}

/** `[A-Za-z0-9_.:-]` */
function isIdChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x3a) ||
    code === 0x5f ||
    code === 0x2e ||
    code === 0x2d
  );
}

/** What `.` does not match: \n, \r, U+2028, U+2029. */
function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/** JavaScript's `\s`. */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
