/** Expiry times outside this window are misreadings (a counter, not a date); they are ignored. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/** Signing schemes that give a start date plus a lifetime in seconds, by parameter prefix. */
const DATED_SCHEMES = ['x-amz-', 'x-goog-', 'x-oss-', 'x-tos-'];

/**
 * When a signed link stops working, in epoch ms, read from its query string; undefined when
 * the link names no expiry (or is not a URL). Understands S3 SigV4 (`X-Amz-Date` +
 * `X-Amz-Expires`) and its GCS, Aliyun OSS v4 and Volcengine TOS twins, CloudFront, OSS v1,
 * GCS v2 and OBS `Expires=<epoch>`, CloudFront custom policies, Azure SAS `se=`, Tencent COS
 * `q-sign-time`, Qiniu `e=`, Akamai `exp=`, ByteDance `x-expires` and JWT tokens' `exp`.
 */
export function linkExpiry(url: string): number | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return undefined;
  }
  const query = new Map<string, string>();
  for (const [name, value] of params) {
    const lower = name.toLowerCase();
    if (!query.has(lower)) query.set(lower, value);
  }
  for (const read of READERS) {
    const at = read(query);
    if (at !== undefined && Number.isFinite(at) && at >= EARLIEST && at < LATEST) return at;
  }
  return undefined;
}

type Query = ReadonlyMap<string, string>;

const READERS: ((query: Query) => number | undefined)[] = [
  (query) => {
    for (const prefix of DATED_SCHEMES) {
      const lifetime = seconds(query.get(`${prefix}expires`));
      if (lifetime === undefined) continue;
      const start = compactDate(query.get(`${prefix}date`));
      if (start !== undefined) return start + lifetime * 1000;
      // OSS v4 also accepts an absolute `x-oss-expires`; a lifetime that large cannot be one.
      if (lifetime > 1e9) return epoch(lifetime);
    }
    return undefined;
  },
  // Azure SAS: `se` is the signed expiry, an ISO 8601 date or date-time in UTC.
  (query) => (query.has('sig') ? isoDate(query.get('se')) : undefined),
  // CloudFront canned policy, OSS v1, GCS v2, OBS: seconds since the epoch.
  (query) => numberEpoch(query.get('expires')),
  (query) => cloudFrontPolicyExpiry(query.get('policy')),
  // Tencent COS: `q-sign-time=<start>;<end>`.
  (query) => numberEpoch((query.get('q-sign-time') ?? query.get('q-key-time'))?.split(';')[1]),
  (query) => numberEpoch(query.get('x-expires')),
  // Qiniu private links: `e=<deadline>&token=<ak>:<sign>`.
  (query) => (query.has('token') ? numberEpoch(query.get('e')) : undefined),
  // Akamai token auth: `hdnts=st=<start>~exp=<end>~acl=…~hmac=…`.
  (query) => numberEpoch(/(?:^|~)exp=(\d+)/.exec(query.get('hdnts') ?? query.get('__token__') ?? '')?.[1]),
  // Tencent CDN anti-leech: `txTime` is the deadline in hexadecimal seconds.
  (query) => {
    const hex = query.has('txsecret') ? query.get('txtime') : undefined;
    return hex && /^[0-9a-f]{1,12}$/i.test(hex) ? epoch(parseInt(hex, 16)) : undefined;
  },
  (query) => jwtExpiry(query.get('token') ?? query.get('access_token') ?? query.get('jwt')),
];

/** `20240101T000000Z`, the compact ISO 8601 form SigV4-style schemes use. */
function compactDate(text: string | undefined): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  return Date.UTC(year, month - 1, day, hour ?? 0, minute ?? 0, second ?? 0);
}

function isoDate(text: string | undefined): number | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(text)) return undefined;
  // A bare date or a date-time without zone is UTC in SAS; Date.parse would read the latter as local.
  const at = Date.parse(text.length > 10 && !text.endsWith('Z') ? `${text}Z` : text);
  return Number.isNaN(at) ? undefined : at;
}

function seconds(text: string | undefined): number | undefined {
  return text && /^\d{1,13}$/.test(text) ? Number(text) : undefined;
}

function numberEpoch(text: string | undefined): number | undefined {
  const value = seconds(text?.trim());
  return value === undefined ? undefined : epoch(value);
}

/** Epoch seconds to ms; thirteen digits are already ms. */
function epoch(value: number): number {
  return value >= 1e12 ? value : value * 1000;
}

/** CloudFront custom policy: URL-safe base64 JSON with `DateLessThan.AWS:EpochTime`. */
function cloudFrontPolicyExpiry(policy: string | undefined): number | undefined {
  if (!policy || policy.length > 8192) return undefined;
  const json = decodeBase64(policy.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'));
  const match = json && /"AWS:EpochTime"\s*:\s*(\d{1,13})\s*}/.exec(json.slice(json.indexOf('DateLessThan')));
  return match?.[1] ? epoch(Number(match[1])) : undefined;
}

/** A JSON Web Token's `exp` claim (epoch seconds); its signature is not checked, only read. */
function jwtExpiry(token: string | undefined): number | undefined {
  const parts = token?.split('.');
  if (!parts || parts.length !== 3 || !parts[0]?.startsWith('eyJ') || (parts[1]?.length ?? 0) > 8192) return undefined;
  const json = decodeBase64((parts[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'));
  if (!json) return undefined;
  try {
    const payload: unknown = JSON.parse(json);
    const exp = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>).exp : undefined;
    return typeof exp === 'number' ? epoch(exp) : undefined;
  } catch {
    return undefined;
  }
}

function decodeBase64(text: string): string | undefined {
  try {
    const padded = text + '='.repeat((4 - (text.length % 4)) % 4);
    return new TextDecoder().decode(Uint8Array.from(atob(padded), (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
