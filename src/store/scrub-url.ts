/**
 * Words of a query parameter's name that say its value is a credential: EventSource and
 * WebSocket clients cannot set headers, so they put `?access_token=` in the URL, and sign-in
 * pages carry `?code=` or `?session=`. A name is split into words at `_`, `-`, `.` and
 * camelCase (`apiKey`, `X-Amz-Signature`, `access_token`), so `author` or `keyword` stay.
 */
const SECRET_WORDS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'session',
  'sessionid',
  'sid',
  'sig',
  'signature',
  'auth',
  'authorization',
  'key',
  'apikey',
  'code',
  'credential',
  'credentials',
  'jwt',
  'otp',
  'bearer',
  'ticket',
]);

/** Whether a query parameter of this name looks like it carries a credential. */
export function isSecretParam(name: string): boolean {
  // Linear: one pass over the name, no pattern over it.
  let word = '';
  let previousLower = false;
  for (const char of name.slice(0, 200)) {
    const lower = char.toLowerCase();
    const isLetterOrDigit = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    const isUpper = lower !== char;
    if (!isLetterOrDigit || (isUpper && previousLower)) {
      if (SECRET_WORDS.has(word)) return true;
      word = '';
    }
    if (isLetterOrDigit) word += lower;
    previousLower = isLetterOrDigit && !isUpper;
  }
  return SECRET_WORDS.has(word);
}

/**
 * The page address as the library keeps it: no fragment, no user name or password, and no
 * query parameter that looks like a credential (`isSecretParam`); the rest of the query stays,
 * so "Open chat page" still finds the chat. `''` for what is not a URL.
 */
export function scrubPageUrl(url: string): string {
  const parsed = parse(url);
  if (!parsed) return '';
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  const secrets = new Set([...parsed.searchParams.keys()].filter(isSecretParam));
  // Only a query that held a secret is written again (which re-encodes it).
  for (const name of secrets) parsed.searchParams.delete(name);
  return parsed.href;
}

/** The streaming endpoint as the library keeps it: origin and path only. `''` for what is not a URL. */
export function scrubEndpointUrl(url: string): string {
  const parsed = parse(url);
  return parsed ? `${parsed.origin}${parsed.pathname}` : '';
}

/**
 * An entry or update with its `pageUrl` and `endpointUrl` scrubbed. Video, cover and alternate
 * links keep their signed queries: without them they do not play. Returns `value` itself when
 * nothing changed.
 */
export function scrubEntryUrls<T extends { pageUrl: string; endpointUrl: string }>(value: T): T {
  const pageUrl = scrubPageUrl(value.pageUrl);
  const endpointUrl = scrubEndpointUrl(value.endpointUrl);
  if (pageUrl === value.pageUrl && endpointUrl === value.endpointUrl) return value;
  return { ...value, pageUrl, endpointUrl };
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
