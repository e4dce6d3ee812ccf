import type { SiteExtractor } from '../extractors/site-extractor';
import { hostIsOrUnder } from '../extractors/site-extractor';
import { compileAppRule, overrideEndpoints } from './compile-rule';
import { checkRulePack, MAX_PACK_BYTES, RuleRefused, type RuleError, type RulePack } from './rule-schema';

/** One app of a pack, compiled: a new app, or endpoints laid over a built-in one. */
export interface PackApp {
  name: string;
  label: string;
  /** Whether it overrides a built-in app (its hosts are the built-in's). */
  overrides: boolean;
  /** A new app's page hosts (they need the optional host permission); none for an override. */
  hosts: readonly string[];
  extractor: SiteExtractor;
}

export type PackReading = { ok: true; pack: RulePack; apps: PackApp[] } | { ok: false; error: RuleError };

/** How the capture log names a pack's rules. */
export function packRuleName(pack: Pick<RulePack, 'name' | 'version'>): string {
  return `${pack.name} ${pack.version}`;
}

/**
 * Reads a rule pack's text: at most 256 KiB, JSON, the schema, safe hosts, path patterns and
 * templates, and built-in extractors that exist. Refused as a whole on the first problem, with
 * what and where; nothing of a refused pack is used.
 */
export function readRulePack(text: string, builtIns: readonly SiteExtractor[]): PackReading {
  if (new TextEncoder().encode(text).length > MAX_PACK_BYTES) {
    return { ok: false, error: { type: 'too-large', detail: `${Math.ceil(new TextEncoder().encode(text).length / 1024)} KiB` } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: { type: 'not-json', detail: error instanceof Error ? error.message.slice(0, 120) : 'not JSON' } };
  }
  try {
    const pack = checkRulePack(value);
    const ruleName = packRuleName(pack);
    const seen = new Set<string>();
    const apps = pack.apps.map((app, index): PackApp => {
      const where = `apps[${index}]`;
      if (seen.has(app.name)) throw new RuleRefused({ type: 'schema', detail: `${where}.name ${app.name} is used twice` });
      seen.add(app.name);
      const builtIn = builtIns.find((extractor) => extractor.name === app.name);
      if (builtIn) {
        if (app.hosts || app.apiHosts || app.mediaHosts) {
          throw new RuleRefused({ type: 'schema', detail: `${where}: ${app.name} is a built-in app; a pack overrides its endpoints only, not its hosts` });
        }
        const overlay = compileAppRule({ ...app, hosts: [] }, { builtIns, ruleName });
        return { name: app.name, label: app.label ?? app.name, overrides: true, hosts: builtIn.hosts, extractor: overrideEndpoints(builtIn, overlay) };
      }
      if (!app.hosts || app.hosts.length === 0) throw new RuleRefused({ type: 'schema', detail: `${where}.hosts: a new app names its page hosts` });
      const extractor = compileAppRule(app, { builtIns, ruleName });
      const taken = extractor.hosts.find((host) => builtIns.some((other) => other.hosts.some((own) => hostIsOrUnder(host, own) || hostIsOrUnder(own, host))));
      if (taken) throw new RuleRefused({ type: 'host', detail: `${where}.hosts ${JSON.stringify(taken)}: a built-in app's host; name that app to override it` });
      return { name: app.name, label: app.label ?? app.name, overrides: false, hosts: extractor.hosts, extractor };
    });
    return { ok: true, pack, apps };
  } catch (error) {
    if (error instanceof RuleRefused) return { ok: false, error: error.error };
    return { ok: false, error: { type: 'schema', detail: error instanceof Error ? error.message.slice(0, 200) : String(error) } };
  }
}

/**
 * The extractors the background tries: the built-ins, each with the endpoints packs lay over it,
 * then the apps packs add. Packs apply in order; a later pack's app of the same name wins.
 */
export function extractorsWithPacks(builtIns: readonly SiteExtractor[], packs: readonly PackApp[][]): SiteExtractor[] {
  const overrides = new Map<string, PackApp>();
  const added = new Map<string, PackApp>();
  for (const apps of packs) {
    for (const app of apps) (app.overrides ? overrides : added).set(app.name, app);
  }
  return [
    ...builtIns.map((extractor) => overrides.get(extractor.name)?.extractor ?? extractor),
    ...[...added.values()].map((app) => app.extractor),
  ];
}
