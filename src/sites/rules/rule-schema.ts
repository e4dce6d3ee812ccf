import { isRecord } from '../extractors/extract-helpers';

/**
 * Site rules: what a video app's pages call and how to read the answers, as JSON data (never
 * code). A rule pack (`format: "video-keeper-rules/1"`) holds app rules; each app rule names its
 * hosts and its endpoints, and each endpoint says who reads its responses: a built-in extractor
 * (by name), the generic task reader, or a declarative mapping. CONTRIBUTING.md documents the
 * schema with examples; `parseRulePackJson` is its one reader.
 */

export const RULE_FORMAT = 'video-keeper-rules/1';
/** Largest pack accepted, in bytes of its text. */
export const MAX_PACK_BYTES = 256 * 1024;

export type RuleScalar = string | number | boolean | null;
export type TaskStatus = 'generating' | 'done' | 'failed';

/** A test on a value (`path`) or a combination of tests. */
export type RuleCondition =
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition }
  | {
      /** The first path that reaches a value is tested. */
      path: string | string[];
      exists?: boolean;
      type?: 'record' | 'list' | 'string' | 'number' | 'boolean' | 'null';
      in?: RuleScalar[];
      notIn?: RuleScalar[];
      /** Case-insensitive. */
      startsWith?: string;
      /** Case-insensitive. */
      contains?: string;
      atLeast?: number;
    };

/** Where a value is, and the one transform it goes through. */
export type ValueSpec =
  | string
  | {
      path: string;
      /** A relative URL on this http(s) base: resolved, and kept only when it stays on the base's origin. */
      resolve?: string;
      /** An http(s) URL with `{value}` where the (percent-encoded) value goes; kept only on the template's origin. */
      template?: string;
      /** A number multiplied by this (seconds → milliseconds: 1000). */
      times?: number;
    };

/** One spec, or several tried in order. */
export type ValueSpecs = ValueSpec | ValueSpec[];

/** What a raw status value means. */
export type StatusMeaning = TaskStatus | { status: TaskStatus; failure?: string };

export interface StatusRule {
  path?: ValueSpecs;
  /** Raw value (as text: `"7"`, `"SUCCESS"`) → meaning. */
  values?: Record<string, StatusMeaning>;
  /** Numeric thresholds, tried in order after `values`. */
  atLeast?: { value: number; means: StatusMeaning }[];
  /** Meaning of any other value. Default `generating`. */
  otherwise?: StatusMeaning;
  /** A task without a status value is not this shape (a single task: unknown shape; a list item: left out). */
  required?: boolean;
  /** A task that has a video is done, whatever its code says. */
  doneWhenVideos?: boolean;
}

export interface VideoMapping {
  /** The video objects, from the task: `works[*]`, or `""` for the task itself. */
  each: string;
  /** Only objects for which this holds are videos. */
  when?: RuleCondition;
  url: ValueSpecs;
  cover?: ValueSpecs;
  /** Every value of every spec (other renditions). */
  alternates?: ValueSpecs;
  width?: ValueSpecs;
  height?: ValueSpecs;
  durationMs?: ValueSpecs;
}

export interface TaskMapping {
  /** Unless this holds on the message, its shape is unknown. */
  shape?: RuleCondition;
  /** When this holds on the message, it reports no task (an error envelope). */
  empty?: RuleCondition;
  /** The tasks, from the message: a list (`data.items[*]`) or one object (`data`). */
  tasks: string;
  /** Tasks for which this holds are left out (an image task on a shared endpoint). */
  skip?: RuleCondition;
  /** The first spec that gives ids gives them all (one task per id). */
  id: ValueSpecs;
  status?: StatusRule;
  percent?: ValueSpecs;
  failure?: ValueSpecs;
  prompt?: ValueSpecs;
  model?: ValueSpecs;
  /** Every value of every spec. */
  inputImages?: ValueSpecs;
  videos?: VideoMapping;
}

export type EndpointReader = { extractor: string; endpoint?: string } | { generic: true } | { map: TaskMapping };

export interface EndpointRule {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path pattern (src/sites/rules/path-pattern.ts). */
  path: string;
  framing?: 'json' | 'sse';
  read: EndpointReader;
}

export interface AppRule {
  /** Kebab-case; a built-in app's name overrides that app's endpoints. */
  name: string;
  label?: string;
  hosts?: string[];
  apiHosts?: string[];
  mediaHosts?: string[];
  endpoints: EndpointRule[];
}

export interface RulePack {
  format: typeof RULE_FORMAT;
  name: string;
  version: string;
  apps: AppRule[];
}

/** Why a pack was refused; `type` picks the sentence the options page shows, `detail` says where. */
export interface RuleError {
  type: 'not-json' | 'too-large' | 'schema' | 'host' | 'unsafe-path' | 'unsafe-template' | 'unknown-extractor';
  detail: string;
}

export class RuleRefused extends Error {
  constructor(readonly error: RuleError) {
    super(`${error.type}: ${error.detail}`);
  }
}

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const STATUSES = new Set(['generating', 'done', 'failed']);
const CONDITION_KEYS = new Set(['path', 'exists', 'type', 'in', 'notIn', 'startsWith', 'contains', 'atLeast']);
const TYPES = new Set(['record', 'list', 'string', 'number', 'boolean', 'null']);
const MAX_DEPTH = 8;

/** Checks a parsed value against the schema's shape (hosts, patterns and templates are checked when compiled). */
export function checkRulePack(value: unknown): RulePack {
  const pack = record(value, 'pack');
  only(pack, ['format', 'name', 'version', 'apps', 'homepage', 'description'], 'pack');
  if (pack.format !== RULE_FORMAT) fail('pack.format', `must be "${RULE_FORMAT}"`);
  text(pack.name, 'pack.name', 80);
  text(pack.version, 'pack.version', 40);
  const apps = array(pack.apps, 'pack.apps', 64);
  if (apps.length === 0) fail('pack.apps', 'holds no app');
  apps.forEach((app, index) => checkAppRule(app, `apps[${index}]`));
  return value as RulePack;
}

/** Checks one app rule (a bundled one, or one of a pack's). */
export function checkAppRule(value: unknown, where = 'app'): AppRule {
  const app = record(value, where);
  only(app, ['name', 'label', 'hosts', 'apiHosts', 'mediaHosts', 'endpoints'], where);
  if (typeof app.name !== 'string' || !NAME.test(app.name) || app.name.length > 40) fail(`${where}.name`, 'must be kebab-case (a-z, 0-9, -)');
  if (app.label !== undefined) text(app.label, `${where}.label`, 80);
  for (const key of ['hosts', 'apiHosts', 'mediaHosts'] as const) {
    if (app[key] !== undefined) array(app[key], `${where}.${key}`, 32).forEach((host, index) => text(host, `${where}.${key}[${index}]`, 253));
  }
  const endpoints = array(app.endpoints, `${where}.endpoints`, 64);
  if (endpoints.length === 0) fail(`${where}.endpoints`, 'holds no endpoint');
  endpoints.forEach((endpoint, index) => checkEndpoint(endpoint, `${where}.endpoints[${index}]`));
  return value as AppRule;
}

function checkEndpoint(value: unknown, where: string): void {
  const endpoint = record(value, where);
  only(endpoint, ['name', 'method', 'path', 'framing', 'read'], where);
  if (typeof endpoint.name !== 'string' || !NAME.test(endpoint.name)) fail(`${where}.name`, 'must be kebab-case');
  if (typeof endpoint.method !== 'string' || !METHODS.has(endpoint.method)) fail(`${where}.method`, 'must be GET, POST, PUT, PATCH or DELETE');
  text(endpoint.path, `${where}.path`, 256);
  if (endpoint.framing !== undefined && endpoint.framing !== 'json' && endpoint.framing !== 'sse') fail(`${where}.framing`, 'must be "json" or "sse"');
  const read = record(endpoint.read, `${where}.read`);
  if ('extractor' in read) {
    only(read, ['extractor', 'endpoint'], `${where}.read`);
    text(read.extractor, `${where}.read.extractor`, 40);
    if (read.endpoint !== undefined) text(read.endpoint, `${where}.read.endpoint`, 40);
  } else if ('generic' in read) {
    only(read, ['generic'], `${where}.read`);
    if (read.generic !== true) fail(`${where}.read.generic`, 'must be true');
  } else if ('map' in read) {
    only(read, ['map'], `${where}.read`);
    checkMapping(read.map, `${where}.read.map`);
  } else {
    fail(`${where}.read`, 'names an extractor, generic: true or a map');
  }
}

function checkMapping(value: unknown, where: string): void {
  const map = record(value, where);
  only(map, ['shape', 'empty', 'tasks', 'skip', 'id', 'status', 'percent', 'failure', 'prompt', 'model', 'inputImages', 'videos'], where);
  for (const key of ['shape', 'empty', 'skip'] as const) if (map[key] !== undefined) checkCondition(map[key], `${where}.${key}`, 0);
  text(map.tasks, `${where}.tasks`, 256, true);
  specs(map.id, `${where}.id`);
  for (const key of ['percent', 'failure', 'prompt', 'model', 'inputImages'] as const) if (map[key] !== undefined) specs(map[key], `${where}.${key}`);
  if (map.status !== undefined) {
    const status = record(map.status, `${where}.status`);
    only(status, ['path', 'values', 'atLeast', 'otherwise', 'required', 'doneWhenVideos'], `${where}.status`);
    if (status.path !== undefined) specs(status.path, `${where}.status.path`);
    if (status.values !== undefined) {
      const values = record(status.values, `${where}.status.values`);
      if (Object.keys(values).length > 64) fail(`${where}.status.values`, 'more than 64 values');
      for (const [key, meaning] of Object.entries(values)) checkMeaning(meaning, `${where}.status.values.${key}`);
    }
    if (status.atLeast !== undefined) {
      array(status.atLeast, `${where}.status.atLeast`, 16).forEach((step, index) => {
        const item = record(step, `${where}.status.atLeast[${index}]`);
        only(item, ['value', 'means'], `${where}.status.atLeast[${index}]`);
        if (typeof item.value !== 'number' || !Number.isFinite(item.value)) fail(`${where}.status.atLeast[${index}].value`, 'must be a number');
        checkMeaning(item.means, `${where}.status.atLeast[${index}].means`);
      });
    }
    if (status.otherwise !== undefined) checkMeaning(status.otherwise, `${where}.status.otherwise`);
    for (const key of ['required', 'doneWhenVideos'] as const) {
      if (status[key] !== undefined && typeof status[key] !== 'boolean') fail(`${where}.status.${key}`, 'must be true or false');
    }
  }
  if (map.videos !== undefined) {
    const videos = record(map.videos, `${where}.videos`);
    only(videos, ['each', 'when', 'url', 'cover', 'alternates', 'width', 'height', 'durationMs'], `${where}.videos`);
    text(videos.each, `${where}.videos.each`, 256, true);
    if (videos.when !== undefined) checkCondition(videos.when, `${where}.videos.when`, 0);
    specs(videos.url, `${where}.videos.url`);
    for (const key of ['cover', 'alternates', 'width', 'height', 'durationMs'] as const) if (videos[key] !== undefined) specs(videos[key], `${where}.videos.${key}`);
  }
}

function checkMeaning(value: unknown, where: string): void {
  if (typeof value === 'string' && STATUSES.has(value)) return;
  const meaning = record(value, where);
  only(meaning, ['status', 'failure'], where);
  if (typeof meaning.status !== 'string' || !STATUSES.has(meaning.status)) fail(`${where}.status`, 'must be generating, done or failed');
  if (meaning.failure !== undefined) text(meaning.failure, `${where}.failure`, 200);
}

function checkCondition(value: unknown, where: string, depth: number): void {
  if (depth > MAX_DEPTH) fail(where, `nested deeper than ${MAX_DEPTH}`);
  const condition = record(value, where);
  if ('all' in condition || 'any' in condition) {
    const key = 'all' in condition ? 'all' : 'any';
    only(condition, [key], where);
    array(condition[key], `${where}.${key}`, 16).forEach((item, index) => checkCondition(item, `${where}.${key}[${index}]`, depth + 1));
    return;
  }
  if ('not' in condition) {
    only(condition, ['not'], where);
    checkCondition(condition.not, `${where}.not`, depth + 1);
    return;
  }
  only(condition, [...CONDITION_KEYS], where);
  const paths = Array.isArray(condition.path) ? (condition.path as unknown[]) : [condition.path];
  if (paths.length === 0 || paths.length > 8) fail(`${where}.path`, 'one to 8 paths');
  paths.forEach((path, index) => text(path, `${where}.path[${index}]`, 256, true));
  if (condition.exists !== undefined && typeof condition.exists !== 'boolean') fail(`${where}.exists`, 'must be true or false');
  if (condition.type !== undefined && !TYPES.has(condition.type as string)) fail(`${where}.type`, `must be one of ${[...TYPES].join(', ')}`);
  for (const key of ['in', 'notIn'] as const) {
    if (condition[key] === undefined) continue;
    array(condition[key], `${where}.${key}`, 64).forEach((item, index) => {
      if (item !== null && !['string', 'number', 'boolean'].includes(typeof item)) fail(`${where}.${key}[${index}]`, 'must be a string, number, boolean or null');
    });
  }
  for (const key of ['startsWith', 'contains'] as const) if (condition[key] !== undefined) text(condition[key], `${where}.${key}`, 200);
  if (condition.atLeast !== undefined && (typeof condition.atLeast !== 'number' || !Number.isFinite(condition.atLeast))) fail(`${where}.atLeast`, 'must be a number');
}

function specs(value: unknown, where: string): void {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0 || list.length > 16) fail(where, 'one to 16 places');
  list.forEach((item, index) => {
    const at = Array.isArray(value) ? `${where}[${index}]` : where;
    if (typeof item === 'string') return text(item, at, 256, true);
    const spec = record(item, at);
    only(spec, ['path', 'resolve', 'template', 'times'], at);
    text(spec.path, `${at}.path`, 256, true);
    if ([spec.resolve, spec.template, spec.times].filter((part) => part !== undefined).length > 1) fail(at, 'one transform at most');
    if (spec.resolve !== undefined) text(spec.resolve, `${at}.resolve`, 512);
    if (spec.template !== undefined) text(spec.template, `${at}.template`, 512);
    if (spec.times !== undefined && (typeof spec.times !== 'number' || !Number.isFinite(spec.times) || spec.times <= 0)) fail(`${at}.times`, 'must be a positive number');
  });
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) fail(where, 'must be an object');
  return value;
}

function array(value: unknown, where: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(where, 'must be a list');
  const list = value as unknown[];
  if (list.length > max) fail(where, `more than ${max} items`);
  return list;
}

function text(value: unknown, where: string, max: number, emptyAllowed = false): void {
  if (typeof value !== 'string' || (!emptyAllowed && value.trim() === '') || value.length > max) fail(where, `must be text of at most ${max} characters`);
}

function only(value: Record<string, unknown>, keys: readonly string[], where: string): void {
  const unknown = Object.keys(value).find((key) => !keys.includes(key));
  if (unknown !== undefined) fail(`${where}.${unknown}`, `is not a field here (expected ${keys.join(', ')})`);
}

function fail(where: string, why: string): never {
  throw new RuleRefused({ type: 'schema', detail: `${where} ${why}` });
}
