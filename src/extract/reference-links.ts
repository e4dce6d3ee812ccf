import type { FoundLink } from './found-link';

export interface ReferenceLinks {
  /** `[label][ref]`, `[ref][]` or `[ref]`: the link now if `ref` is defined, else later. */
  use(ref: string, label: string, context: string): FoundLink | undefined;
  /** `[ref]: url "title"`: the links of every use so far, and the definition's own. */
  define(ref: string, url: string, title: string): FoundLink[];
}

/** Reference names one answer may define or use; more is not an answer. */
const MAX_REFS = 256;
/** Uses of one undefined name kept for its definition. */
const MAX_USES = 4;

/**
 * Reference-style links, whose definition may come before or after their uses (CommonMark:
 * names match case-insensitively with whitespace collapsed, the first definition wins).
 */
export function createReferenceLinks(): ReferenceLinks {
  const defined = new Map<string, string>();
  const waiting = new Map<string, { label: string; context: string }[]>();

  return {
    use(ref, label, context) {
      const name = normalize(ref);
      const url = defined.get(name);
      if (url) return { url, label, context };
      const uses = waiting.get(name) ?? [];
      if (uses.length < MAX_USES && (uses.length > 0 || waiting.size < MAX_REFS)) {
        uses.push({ label, context });
        waiting.set(name, uses);
      }
      return undefined;
    },
    define(ref, url, title) {
      const name = normalize(ref);
      if (defined.has(name) || defined.size >= MAX_REFS) return [];
      defined.set(name, url);
      const uses = waiting.get(name) ?? [];
      waiting.delete(name);
      return [...uses.map((use) => ({ url, ...use })), { url, label: `${ref} ${title}`.trim() }];
    },
  };
}

function normalize(ref: string): string {
  return ref.trim().replace(/\s+/g, ' ').toLowerCase();
}
