import { count, httpUrl, idOf, isRecord, nestedJson, siteVideo, text } from '../extractors/extract-helpers';
import type { SiteExtraction, SiteRequest, SiteTask, SiteVideo } from '../extractors/site-extractor';
import { parseJsonPath, scalarKey, walk, walkFirst, type JsonPath, type PathScope } from './json-path';
import { RuleRefused, type RuleCondition, type StatusMeaning, type TaskMapping, type TaskStatus, type ValueSpecs } from './rule-schema';
import { compileResolve, compileTemplate, type UrlTransform } from './url-transforms';

/**
 * A declarative mapping (rule-schema.ts `TaskMapping`) compiled into the `extract` of a site
 * extractor. What every mapping does without being told, as the built-in extractors do: only
 * http(s) URLs; an input image is never the video or the cover; the cover is never the video;
 * a link whose path ends in a picture's extension is never a video; a task mapped `done` without
 * a video is still generating, and a `failed` one keeps no video (a site that withholds a
 * moderated video has decided).
 */

/** Ids one message yields at most (one task each). */
const MAX_TASKS = 200;
const PICTURE = /\.(jpe?g|png|webp|gif|avif|bmp)$/i;

type Reader = (scope: PathScope) => unknown[];
type Test = (scope: PathScope) => boolean;

/** Compiles `mapping`, or throws `RuleRefused` (a bad path or an unsafe template). */
export function compileTaskMapping(mapping: TaskMapping, where: string): (json: unknown, request: SiteRequest) => SiteExtraction {
  const shape = mapping.shape === undefined ? undefined : compileCondition(mapping.shape, `${where}.shape`);
  const empty = mapping.empty === undefined ? undefined : compileCondition(mapping.empty, `${where}.empty`);
  const skip = mapping.skip === undefined ? undefined : compileCondition(mapping.skip, `${where}.skip`);
  const tasks = path(mapping.tasks, `${where}.tasks`);
  const tasksAreList = tasks.steps.at(-1)?.kind === 'each';
  const ids = specsOf(mapping.id, `${where}.id`);
  const prompt = mapping.prompt === undefined ? undefined : firstOf(specsOf(mapping.prompt, `${where}.prompt`));
  const model = mapping.model === undefined ? undefined : firstOf(specsOf(mapping.model, `${where}.model`));
  const failure = mapping.failure === undefined ? undefined : firstOf(specsOf(mapping.failure, `${where}.failure`));
  const percent = mapping.percent === undefined ? undefined : firstOf(specsOf(mapping.percent, `${where}.percent`));
  const inputs = mapping.inputImages === undefined ? undefined : allOf(specsOf(mapping.inputImages, `${where}.inputImages`));
  const status = mapping.status;
  const statusValue = status?.path === undefined ? undefined : firstOf(specsOf(status.path, `${where}.status.path`));
  const videos = mapping.videos === undefined ? undefined : compileVideos(mapping.videos, `${where}.videos`);

  const readTask = (scope: PathScope, single: boolean): SiteTask[] | undefined => {
    const idValues = firstGiving(ids, scope).map(idOf).filter((id): id is string => id !== undefined);
    if (idValues.length === 0) return single ? undefined : [];
    const raw = statusValue?.(scope);
    if (status?.required && raw === undefined) return single ? undefined : [];
    if (skip?.(scope)) return [];
    const inputImages = distinct((inputs?.(scope) ?? []).map(httpUrl));
    const found = videos?.(scope, inputImages) ?? [];
    let meaning = meaningOf(raw, status);
    if (status?.doneWhenVideos && found.length > 0) meaning = { status: 'done' };
    const promptText = text(prompt?.(scope));
    const modelText = text(model?.(scope));
    const base = {
      inputImages,
      ...(promptText === undefined ? {} : { prompt: promptText }),
      ...(modelText === undefined ? {} : { model: modelText }),
    };
    let task: Omit<SiteTask, 'taskId'>;
    if (meaning.status === 'failed') {
      const words = text(failure?.(scope)) ?? meaning.failure;
      task = { ...base, status: 'failed', videos: [], ...(words === undefined ? {} : { failure: words }) };
    } else if (meaning.status === 'done' && found.length > 0) {
      task = { ...base, status: 'done', videos: found };
    } else {
      const value = count(percent?.(scope));
      task = { ...base, status: 'generating', videos: [], ...(value === undefined || value > 100 ? {} : { percent: value }) };
    }
    return [...new Set(idValues)].slice(0, MAX_TASKS).map((taskId) => ({ taskId, ...task }));
  };

  return (json, request) => {
    const scope: PathScope = { here: json, message: json, request, body: nestedJson(request.body) };
    if (shape && !shape(scope)) return undefined;
    if (empty?.(scope)) return [];
    const objects = walk(tasks, scope);
    if (tasksAreList) {
      // `items[*]` of something that is not a list is another shape.
      const parent = walk({ ...tasks, steps: tasks.steps.slice(0, -1) }, scope);
      if (!parent.some((value) => Array.isArray(value))) return undefined;
      return objects.slice(0, MAX_TASKS).flatMap((object) => readTask({ ...scope, here: object }, false) ?? []);
    }
    const object = objects[0];
    if (!isRecord(object)) return undefined;
    return readTask({ ...scope, here: object }, true);
  };
}

function meaningOf(raw: unknown, status: TaskMapping['status']): { status: TaskStatus; failure?: string } {
  const normal = (meaning: StatusMeaning | undefined): { status: TaskStatus; failure?: string } =>
    meaning === undefined ? { status: 'generating' } : typeof meaning === 'string' ? { status: meaning } : meaning;
  if (!status) return { status: 'generating' };
  const key = scalarKey(raw);
  if (key !== undefined && status.values && Object.hasOwn(status.values, key)) return normal(status.values[key]);
  const number = count(raw);
  if (number !== undefined) {
    // Highest threshold first wins, whatever order the rule lists them in.
    const step = [...(status.atLeast ?? [])].sort((a, b) => b.value - a.value).find((item) => number >= item.value);
    if (step) return normal(step.means);
  }
  return normal(status.otherwise);
}

function compileVideos(mapping: NonNullable<TaskMapping['videos']>, where: string): (scope: PathScope, inputs: readonly string[]) => SiteVideo[] {
  const each = path(mapping.each, `${where}.each`);
  const when = mapping.when === undefined ? undefined : compileCondition(mapping.when, `${where}.when`);
  const url = firstOf(specsOf(mapping.url, `${where}.url`), true);
  const cover = mapping.cover === undefined ? undefined : allOf(specsOf(mapping.cover, `${where}.cover`));
  const alternates = mapping.alternates === undefined ? undefined : allOf(specsOf(mapping.alternates, `${where}.alternates`));
  const width = mapping.width === undefined ? undefined : firstOf(specsOf(mapping.width, `${where}.width`));
  const height = mapping.height === undefined ? undefined : firstOf(specsOf(mapping.height, `${where}.height`));
  const duration = mapping.durationMs === undefined ? undefined : firstOf(specsOf(mapping.durationMs, `${where}.durationMs`));
  return (scope, inputs) => {
    const seen = new Set<string>();
    return walk(each, scope).flatMap((object) => {
      const here = { ...scope, here: object };
      if (when && !when(here)) return [];
      const link = httpUrl(url(here));
      if (!link || inputs.includes(link) || seen.has(link) || PICTURE.test(new URL(link).pathname)) return [];
      seen.add(link);
      const still = distinct((cover?.(here) ?? []).map(httpUrl), [link, ...inputs])[0];
      const others = distinct((alternates?.(here) ?? []).map(httpUrl), [link, ...inputs]);
      return [siteVideo(link, { cover: still, width: count(width?.(here)), height: count(height?.(here)), durationMs: count(duration?.(here)), alternates: others })];
    });
  };
}

function compileCondition(condition: RuleCondition, where: string): Test {
  if ('all' in condition) {
    const parts = condition.all.map((item, index) => compileCondition(item, `${where}.all[${index}]`));
    return (scope) => parts.every((part) => part(scope));
  }
  if ('any' in condition) {
    const parts = condition.any.map((item, index) => compileCondition(item, `${where}.any[${index}]`));
    return (scope) => parts.some((part) => part(scope));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, `${where}.not`);
    return (scope) => !inner(scope);
  }
  const paths = (Array.isArray(condition.path) ? condition.path : [condition.path]).map((source, index) => path(source, `${where}.path[${index}]`));
  const inKeys = condition.in?.map(scalarKey);
  const notInKeys = condition.notIn?.map(scalarKey);
  const prefix = condition.startsWith?.toLowerCase();
  const part = condition.contains?.toLowerCase();
  return (scope) => {
    let value: unknown;
    for (const item of paths) {
      value = walkFirst(item, scope);
      if (value !== undefined) break;
    }
    if (condition.exists !== undefined && (value !== undefined) !== condition.exists) return false;
    if (condition.type !== undefined && typeName(value) !== condition.type) return false;
    const key = scalarKey(value);
    if (inKeys && (key === undefined || !inKeys.includes(key))) return false;
    if (notInKeys && key !== undefined && notInKeys.includes(key)) return false;
    if (notInKeys && key === undefined && value === undefined) return false;
    if (prefix !== undefined && !(typeof value === 'string' && value.toLowerCase().startsWith(prefix))) return false;
    if (part !== undefined && !(typeof value === 'string' && value.toLowerCase().includes(part))) return false;
    if (condition.atLeast !== undefined && !((count(value) ?? -Infinity) >= condition.atLeast)) return false;
    return true;
  };
}

function typeName(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (isRecord(value)) return 'record';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? typeof value : undefined;
}

/** Every value one place gives (`[*]` may give several), transformed. */
function specsOf(specs: ValueSpecs, where: string): Reader[] {
  return (Array.isArray(specs) ? specs : [specs]).map((spec, index) => {
    const at = Array.isArray(specs) ? `${where}[${index}]` : where;
    if (typeof spec === 'string') {
      const source = path(spec, at);
      return (scope) => walk(source, scope);
    }
    const source = path(spec.path, `${at}.path`);
    const transform: UrlTransform | ((value: unknown) => unknown) | undefined =
      spec.resolve !== undefined
        ? compileResolve(spec.resolve, at)
        : spec.template !== undefined
          ? compileTemplate(spec.template, at)
          : spec.times !== undefined
            ? timesOf(spec.times)
            : undefined;
    return (scope) => {
      const values = walk(source, scope);
      return transform ? values.map(transform).filter((value) => value !== undefined) : values;
    };
  });
}

function timesOf(factor: number): (value: unknown) => number | undefined {
  return (value) => {
    const number = count(value);
    return number === undefined ? undefined : number * factor;
  };
}

/**
 * The first value of the first place that has a usable one: a non-blank scalar (so `url: ""`
 * falls through to the next place), or with `links` an http(s) URL.
 */
function firstOf(readers: Reader[], links = false): (scope: PathScope) => unknown {
  return (scope) => {
    for (const read of readers) {
      const value = read(scope).find((item) => (links ? httpUrl(item) !== undefined : usable(item)));
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

/** Every value of every place, in order. */
function allOf(readers: Reader[]): (scope: PathScope) => unknown[] {
  return (scope) => readers.flatMap((read) => read(scope));
}

/** The values of the first place that gives any. */
function firstGiving(readers: Reader[], scope: PathScope): unknown[] {
  for (const read of readers) {
    const values = read(scope).filter(usable);
    if (values.length > 0) return values;
  }
  return [];
}

function usable(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
}

function distinct(values: (string | undefined)[], except: readonly string[] = []): string[] {
  const seen = new Set(except);
  return values.filter((value): value is string => value !== undefined && !seen.has(value) && (seen.add(value), true));
}

function path(source: string, where: string): JsonPath {
  try {
    return parseJsonPath(source);
  } catch (error) {
    throw new RuleRefused({ type: 'schema', detail: `${where}: ${error instanceof Error ? error.message : String(error)}` });
  }
}
