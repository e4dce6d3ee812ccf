import { readFileSync, readdirSync } from 'node:fs';
import { loadSiteFixture, type SiteFixture } from './extractors/site-fixtures';

/**
 * A site that changed, made from one of its recorded fixtures (test/fixtures/sites/<site>/) by
 * the spec in `test/fixtures/sites-drift/<site>/drift.json`: a path drift (the endpoint moves to
 * a new version) and a field drift (keys renamed everywhere, one object re-nested), with the
 * decoys (input images, avatars) still in the body. `keeps`: the video and cover the library
 * must hold afterwards, in one entry.
 */
export const DRIFT_DIR = 'test/fixtures/sites-drift/';

export interface DriftSpec {
  basedOn: string;
  /** The recorded fixture (`status.done`) the drift starts from. */
  fixture: string;
  pathDrift: { from: string; to: string };
  fieldDrift: { rename: Record<string, string>; nest?: [string, string] };
  keeps: { taskId: string; videoUrl: string; coverUrl: string };
  /** URLs in the body that are never the video or the cover (input images, avatars). */
  decoys: string[];
}

export type DriftKind = 'path' | 'field';

export function driftSites(): string[] {
  return readdirSync(DRIFT_DIR).sort();
}

export function loadDriftSpec(site: string): DriftSpec {
  return JSON.parse(readFileSync(`${DRIFT_DIR}${site}/drift.json`, 'utf8')) as DriftSpec;
}

/** The drifted fixture: the same call at a new path, or the same path with its fields renamed. */
export function driftedFixture(site: string, kind: DriftKind, spec: DriftSpec = loadDriftSpec(site)): SiteFixture {
  const fixture = loadSiteFixture(site, spec.fixture);
  if (kind === 'path') {
    const url = new URL(fixture.request.url);
    if (!url.pathname.includes(spec.pathDrift.from)) throw new Error(`${site}: ${spec.pathDrift.from} is not in ${url.pathname}`);
    url.pathname = url.pathname.replace(spec.pathDrift.from, spec.pathDrift.to);
    return { ...fixture, request: { ...fixture.request, url: url.href } };
  }
  let body = renameKeys(fixture.response.body, spec.fieldDrift.rename);
  const nest = spec.fieldDrift.nest;
  if (nest && typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    body = { ...record, [nest[0]]: { [nest[1]]: record[nest[0]] } };
  }
  return { ...fixture, response: { ...fixture.response, body } };
}

function renameKeys(value: unknown, rename: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [rename[key] ?? key, renameKeys(item, rename)]));
}
