import { isRecord, nestedJson } from '../extractors/extract-helpers';
import type { SiteRequest } from '../extractors/site-extractor';

/**
 * Paths into a response, as site rules write them: `data.task.id`, `works[0].resource`,
 * `works[*]` (each item), `arguments[name=prompt].value` (the first item whose `name` is
 * `prompt`), `extra@json.prompt` (`extra` is a JSON string: parse it, go on inside). A path
 * starts from the object at hand (a task, a video) unless it starts with `$root` (the whole
 * message), `$request.body` (the request body, parsed as JSON) or `$request.query.<name>`.
 * `""` is the object at hand. Parsed once when the rule is read; walking one is linear in the
 * path and capped in the items it yields.
 */

/** Items one `[*]` step yields at most. */
export const MAX_LIST_ITEMS = 200;
const MAX_STEPS = 16;

type Step =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'each' }
  | { kind: 'find'; key: string; value: string }
  | { kind: 'json' };

export interface JsonPath {
  readonly source: string;
  readonly root: 'here' | 'message' | 'body' | 'query';
  /** For `query`: the parameter's name. */
  readonly query?: string;
  readonly steps: readonly Step[];
}

/** What a path is walked against. */
export interface PathScope {
  /** The object at hand. */
  here: unknown;
  /** The whole message. */
  message: unknown;
  request: SiteRequest;
  /** `request.body` parsed as JSON, once per message. */
  body: unknown;
}

const KEY = /^[A-Za-z0-9_$-]+$/;

/** Parses a path, or throws an Error naming what is wrong. */
export function parseJsonPath(source: string): JsonPath {
  const refuse = (why: string): never => {
    throw new Error(`path ${JSON.stringify(source.slice(0, 80))}: ${why}`);
  };
  if (source.length > 256) refuse('longer than 256 characters');
  if (source === '') return { source, root: 'here', steps: [] };
  let rest = source;
  let root: JsonPath['root'] = 'here';
  let query: string | undefined;
  if (rest === '$root' || rest.startsWith('$root.')) {
    root = 'message';
    rest = rest.slice('$root'.length).replace(/^\./, '');
  } else if (rest === '$request.body' || rest.startsWith('$request.body.') || rest.startsWith('$request.body[')) {
    root = 'body';
    rest = rest.slice('$request.body'.length).replace(/^\./, '');
  } else if (rest.startsWith('$request.query.')) {
    root = 'query';
    query = rest.slice('$request.query.'.length);
    if (!KEY.test(query)) refuse('a query parameter is a plain name');
    return { source, root, query, steps: [] };
  } else if (rest.startsWith('$')) {
    refuse('starts with $root, $request.body or $request.query.<name>');
  }
  const steps: Step[] = [];
  // `@json` is a step of its own, written after a key (`extra@json`) or as a part (`extra.@json`).
  for (const part of rest === '' ? [] : rest.replace(/@json/g, '.@json').replace(/^\./, '').split('.')) {
    if (part === '@json') {
      steps.push({ kind: 'json' });
      continue;
    }
    const bracket = part.indexOf('[');
    const key = bracket < 0 ? part : part.slice(0, bracket);
    if (key !== '') {
      if (!KEY.test(key)) refuse(`${JSON.stringify(key)} is not a plain key`);
      steps.push({ kind: 'key', key });
    }
    let brackets = bracket < 0 ? '' : part.slice(bracket);
    if (key === '' && brackets === '') refuse('an empty step');
    while (brackets !== '') {
      const close = brackets.indexOf(']');
      if (!brackets.startsWith('[') || close < 0) refuse('a [ without ]');
      const inner = brackets.slice(1, close);
      brackets = brackets.slice(close + 1);
      if (inner === '*') steps.push({ kind: 'each' });
      else if (/^\d{1,4}$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else {
        const equals = inner.indexOf('=');
        const name = inner.slice(0, equals);
        const value = inner.slice(equals + 1);
        if (equals < 0 || !KEY.test(name) || !/^[^\]=]{1,64}$/.test(value)) refuse(`[${inner}] is neither [n], [*] nor [key=value]`);
        steps.push({ kind: 'find', key: name, value });
      }
    }
  }
  if (steps.length > MAX_STEPS) refuse(`more than ${MAX_STEPS} steps`);
  return { source, root, steps };
}

/** Every value the path reaches (one, or several through `[*]`); absent ones are left out. */
export function walk(path: JsonPath, scope: PathScope): unknown[] {
  let nodes: unknown[];
  switch (path.root) {
    case 'query': {
      const value = scope.request.url.searchParams.get(path.query ?? '');
      return value === null ? [] : [value];
    }
    case 'body':
      nodes = [scope.body];
      break;
    case 'message':
      nodes = [scope.message];
      break;
    default:
      nodes = [scope.here];
  }
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const node of nodes) {
      switch (step.kind) {
        case 'key':
          if (isRecord(node) && Object.hasOwn(node, step.key)) next.push(node[step.key]);
          break;
        case 'index':
          if (Array.isArray(node) && step.index < node.length) next.push((node as unknown[])[step.index]);
          break;
        case 'each':
          if (Array.isArray(node)) next.push(...(node as unknown[]).slice(0, MAX_LIST_ITEMS));
          break;
        case 'find': {
          const found = Array.isArray(node)
            ? (node as unknown[]).slice(0, MAX_LIST_ITEMS).find((item) => isRecord(item) && scalarKey(item[step.key]) === step.value)
            : undefined;
          if (found !== undefined) next.push(found);
          break;
        }
        case 'json': {
          const parsed = nestedJson(node);
          if (parsed !== undefined) next.push(parsed);
          break;
        }
      }
      if (next.length >= MAX_LIST_ITEMS) break;
    }
    nodes = next.slice(0, MAX_LIST_ITEMS);
  }
  return nodes.filter((node) => node !== undefined);
}

/** The value the path reaches first, or undefined. */
export function walkFirst(path: JsonPath, scope: PathScope): unknown {
  return walk(path, scope)[0];
}

/** A JSON scalar as the text rules compare it by (`7`, `"7"` → `7`; `null` → `null`); undefined for objects and lists. */
export function scalarKey(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}
