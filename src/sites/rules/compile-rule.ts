import type { SiteEndpoint, SiteExtraction, SiteExtractor, SiteRequest } from '../extractors/site-extractor';
import { hostProblem } from './host-name';
import { compilePathPattern, PathPatternRegExp, UnsafePathPattern } from './path-pattern';
import { RuleRefused, type AppRule, type EndpointRule } from './rule-schema';
import { compileTaskMapping } from './task-mapping';

/** What compiling a rule may need: the built-in extractors its endpoints may point at, and the rule's name for the log. */
export interface CompileContext {
  /** Built-in extractors by name (`{ "extractor": "kling" }`); none for a fully declarative rule. */
  builtIns?: readonly SiteExtractor[];
  /** How the capture log names the rule: `built-in rule`, or a pack's name and version. */
  ruleName: string;
}

type EndpointRead = (json: unknown, request: SiteRequest) => SiteExtraction;

/**
 * Turns an app rule into a `SiteExtractor`, the interface the background already reads
 * (`findSiteEndpoint`, src/background/site-capture-session.ts). Every endpoint's path pattern,
 * mapping and URL template is compiled here, so a rule that is unsafe or names an unknown
 * extractor is refused (`RuleRefused`) before anything uses it. A generic endpoint compiles to
 * `generic: true`, which the site session reads with the generic task reader.
 */
export function compileAppRule(rule: AppRule, context: CompileContext): SiteExtractor {
  const hosts = checkHosts(rule.hosts ?? [], `${rule.name}.hosts`);
  const apiHosts = checkHosts(rule.apiHosts ?? [], `${rule.name}.apiHosts`);
  const mediaHosts = checkHosts(rule.mediaHosts ?? [], `${rule.name}.mediaHosts`);
  const names = new Set<string>();
  const readers = new Map<string, EndpointRead>();
  const endpoints = rule.endpoints.map((item, index): SiteEndpoint => {
    const where = `${rule.name}.endpoints[${index}]`;
    if (names.has(item.name)) throw new RuleRefused({ type: 'schema', detail: `${where}.name ${item.name} is used twice` });
    names.add(item.name);
    const endpoint: SiteEndpoint = {
      name: item.name,
      method: item.method,
      path: compilePath(item.path, `${where}.path`),
      ...(item.framing ? { framing: item.framing } : {}),
      ...('generic' in item.read ? { generic: true } : {}),
      rule: context.ruleName,
    };
    const read = readerOf(item, where, context);
    if (read) readers.set(item.name, read);
    return endpoint;
  });
  return {
    name: rule.name,
    hosts,
    ...(apiHosts.length > 0 ? { apiHosts } : {}),
    ...(mediaHosts.length > 0 ? { mediaHosts } : {}),
    endpoints,
    extract(json, request, endpoint) {
      // A generic endpoint has no reader here: the generic task reader takes it.
      return readers.get(endpoint.name)?.(json, request);
    },
  };
}

/**
 * A built-in app with a pack's endpoints laid over it: an endpoint of the same name replaces the
 * built-in one (a path the app moved), new ones are tried first; the app's hosts stay its own.
 */
export function overrideEndpoints(builtIn: SiteExtractor, overlay: SiteExtractor): SiteExtractor {
  const replaced = new Set(overlay.endpoints.map((endpoint) => endpoint.name));
  const own = new Set(overlay.endpoints);
  return {
    ...builtIn,
    endpoints: [...overlay.endpoints, ...builtIn.endpoints.filter((endpoint) => !replaced.has(endpoint.name))],
    extract(json, request, endpoint) {
      return own.has(endpoint) ? overlay.extract(json, request, endpoint) : builtIn.extract(json, request, endpoint);
    },
  };
}

function readerOf(item: EndpointRule, where: string, context: CompileContext): EndpointRead | undefined {
  const { read } = item;
  if ('generic' in read) return undefined;
  if ('map' in read) return compileTaskMapping(read.map, `${where}.read.map`);
  const builtIn = context.builtIns?.find((extractor) => extractor.name === read.extractor);
  const target = builtIn?.endpoints.find((endpoint) => endpoint.name === (read.endpoint ?? item.name));
  if (!builtIn || !target) {
    throw new RuleRefused({ type: 'unknown-extractor', detail: `${where}.read: no built-in extractor ${read.extractor} with an endpoint ${read.endpoint ?? item.name}` });
  }
  // The built-in reads the response as if its own endpoint had matched (it picks its parse by endpoint name).
  return (json, request) => builtIn.extract(json, request, target);
}

function compilePath(pattern: string, where: string): RegExp {
  try {
    return new PathPatternRegExp(compilePathPattern(pattern));
  } catch (error) {
    if (error instanceof UnsafePathPattern) throw new RuleRefused({ type: 'unsafe-path', detail: `${where}: ${error.message}` });
    throw error;
  }
}

function checkHosts(hosts: readonly string[], where: string): string[] {
  hosts.forEach((host, index) => {
    const problem = hostProblem(host);
    if (problem) throw new RuleRefused({ type: 'host', detail: `${where}[${index}] ${JSON.stringify(host)}: ${problem}` });
  });
  return [...hosts];
}
