/**
 * Path patterns of site rules: a restricted segment syntax, never a regular expression, so a
 * rule pack (data from anyone) cannot make the background backtrack. A pattern is `/`-separated
 * segments; each segment is
 *
 * - `*`: any one non-empty segment;
 * - literal text (`[A-Za-z0-9._~:@+,;=!$'-]`), with inside it at most these pieces:
 *   `{n}` one or more digits, `{a|b|c}` one of some literals, and a final `*` (the rest of the
 *   segment, one character at least);
 * - followed by `?`: the segment may be absent (`/backend/nf/pending/v2?`).
 *
 * A request path matches when its segments (a trailing `/` ignored) match the pattern's. The
 * pieces are chosen so each segment matches deterministically (a `{n}` is never followed by a
 * digit or another `{n}`, no alternative is a prefix of another), and optional segments are
 * followed as a set of positions: matching costs O(path × pattern), linear in the path.
 */

/** Longest pattern accepted, in characters. */
export const MAX_PATH_PATTERN = 256;
/** Most segments in a pattern. */
const MAX_SEGMENTS = 24;
/** Longest request path looked at; longer paths never match. */
const MAX_PATH = 4096;

const LITERAL = /^[A-Za-z0-9._~:@+,;=!$'-]$/;

type Piece = { kind: 'text'; text: string } | { kind: 'digits' } | { kind: 'one-of'; texts: string[] } | { kind: 'rest' };

interface Segment {
  /** `undefined` for `*` (any segment). */
  pieces: Piece[] | undefined;
  optional: boolean;
}

/** A compiled pattern: `test` says whether a request path matches. */
export interface PathMatcher {
  readonly source: string;
  test(path: string): boolean;
}

/** Why a pattern was refused. */
export class UnsafePathPattern extends Error {
  readonly type = 'unsafe-path';
}

/** Compiles `pattern`, or throws `UnsafePathPattern` saying what is wrong with it. */
export function compilePathPattern(pattern: string): PathMatcher {
  const segments = parsePattern(pattern);
  return { source: pattern, test: (path) => matchSegments(segments, path) };
}

/**
 * The matcher as a `RegExp`, for `SiteEndpoint.path`: `test` and `exec` run the segment
 * matcher (no regular expression is ever built from the pattern), so the background's lookup
 * (`findSiteEndpoint`) reads a rule's endpoints as it reads an extractor's.
 */
export class PathPatternRegExp extends RegExp {
  readonly #matcher: PathMatcher;

  constructor(matcher: PathMatcher) {
    // Matches nothing on its own; every use goes through `exec` below.
    super('(?!)');
    this.#matcher = matcher;
  }

  override exec(input: string): RegExpExecArray | null {
    if (!this.#matcher.test(input)) return null;
    const result = [input] as unknown as RegExpExecArray;
    result.index = 0;
    result.input = input;
    return result;
  }

  override test(input: string): boolean {
    return this.#matcher.test(input);
  }

  override toString(): string {
    return this.#matcher.source;
  }

  /** The rule's own pattern text (the capture log and the options page show it). */
  get pattern(): string {
    return this.#matcher.source;
  }
}

function parsePattern(pattern: string): Segment[] {
  const refuse = (why: string): never => {
    throw new UnsafePathPattern(`path pattern ${JSON.stringify(pattern.slice(0, 80))}: ${why}`);
  };
  if (pattern.length === 0 || pattern.length > MAX_PATH_PATTERN) refuse(`must be 1 to ${MAX_PATH_PATTERN} characters`);
  if (!pattern.startsWith('/')) refuse('must start with /');
  const raw = pattern.slice(1).split('/');
  if (raw.length > MAX_SEGMENTS) refuse(`at most ${MAX_SEGMENTS} segments`);
  return raw.map((text, index) => {
    let body = text;
    let optional = false;
    if (body.endsWith('?')) {
      optional = true;
      body = body.slice(0, -1);
    }
    if (body === '') return index === raw.length - 1 && !optional ? refuse('no trailing / (a trailing / of a request is ignored)') : refuse('an empty segment');
    if (body === '*') return { pieces: undefined, optional };
    return { pieces: parsePieces(body, refuse), optional };
  });
}

function parsePieces(body: string, refuse: (why: string) => never): Piece[] {
  const pieces: Piece[] = [];
  let index = 0;
  let literal = '';
  const flush = (): void => {
    if (literal) pieces.push({ kind: 'text', text: literal });
    literal = '';
  };
  while (index < body.length) {
    const char = body.charAt(index);
    if (char === '{') {
      const close = body.indexOf('}', index);
      if (close < 0) refuse('an unclosed {');
      flush();
      const inner = body.slice(index + 1, close);
      if (inner === 'n') pieces.push({ kind: 'digits' });
      else {
        const texts = inner.split('|');
        if (texts.length < 2 || texts.some((item) => item === '' || !item.split('').every((c) => LITERAL.test(c)))) refuse(`{${inner}} is neither {n} nor {a|b}`);
        if (texts.some((a, i) => texts.some((b, j) => i !== j && b.startsWith(a)))) refuse(`{${inner}}: no choice may begin another`);
        pieces.push({ kind: 'one-of', texts });
      }
      index = close + 1;
    } else if (char === '*') {
      if (index !== body.length - 1) refuse('* stands for a whole segment or ends one');
      flush();
      pieces.push({ kind: 'rest' });
      index += 1;
    } else if (LITERAL.test(char)) {
      literal += char;
      index += 1;
    } else {
      refuse(`the character ${JSON.stringify(char)} is not allowed`);
    }
  }
  flush();
  // Greedy digits are exact only when what follows cannot be a digit.
  pieces.forEach((piece, at) => {
    const next = pieces[at + 1];
    if (piece.kind !== 'digits' || !next) return;
    const first = next.kind === 'text' ? [next.text[0]] : next.kind === 'one-of' ? next.texts.map((text) => text[0]) : ['0'];
    if (first.some((c) => c !== undefined && c >= '0' && c <= '9')) refuse('{n} must not be followed by a digit, {n} or *');
  });
  return pieces;
}

function matchSegments(pattern: readonly Segment[], path: string): boolean {
  if (path.length > MAX_PATH || !path.startsWith('/')) return false;
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const parts = trimmed.slice(1).split('/');
  // Positions in the pattern reachable after the segments read so far (optional ones may be skipped).
  let states = closure(pattern, new Set([0]));
  for (const part of parts) {
    const next = new Set<number>();
    for (const state of states) {
      const segment = pattern[state];
      if (segment && matchSegment(segment, part)) next.add(state + 1);
    }
    if (next.size === 0) return false;
    states = closure(pattern, next);
  }
  return states.has(pattern.length);
}

function closure(pattern: readonly Segment[], states: Set<number>): Set<number> {
  for (const state of states) {
    if (pattern[state]?.optional) states.add(state + 1);
  }
  return states;
}

function matchSegment(segment: Segment, part: string): boolean {
  if (part === '') return false;
  if (!segment.pieces) return true;
  let at = 0;
  for (const piece of segment.pieces) {
    switch (piece.kind) {
      case 'text':
        if (!part.startsWith(piece.text, at)) return false;
        at += piece.text.length;
        break;
      case 'digits': {
        const start = at;
        while (at < part.length && part.charCodeAt(at) >= 48 && part.charCodeAt(at) <= 57) at += 1;
        if (at === start) return false;
        break;
      }
      case 'one-of': {
        const found = piece.texts.find((text) => part.startsWith(text, at));
        if (found === undefined) return false;
        at += found.length;
        break;
      }
      case 'rest':
        return at < part.length;
    }
  }
  return at === part.length;
}
