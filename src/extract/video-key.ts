/**
 * Query parameters that only sign a link or say when it expires: a fresh fetch of the same
 * answer changes them, the video stays the same. Compared lower-case.
 */
const SIGNATURE_PARAMS = new Set([
  // CloudFront signed URLs; Aliyun OSS v1, GCS v2 and Huawei OBS query signatures.
  'expires',
  'signature',
  'key-pair-id',
  'policy',
  'ossaccesskeyid',
  'googleaccessid',
  'accesskeyid',
  'security-token',
  // Aliyun CDN URL signing, type A.
  'auth_key',
  // Tencent COS query signature.
  'q-sign-algorithm',
  'q-ak',
  'q-sign-time',
  'q-key-time',
  'q-header-list',
  'q-url-param-list',
  'q-signature',
  // ByteDance / Volcengine image and video CDNs.
  'x-expires',
  'x-signature',
  // Akamai token auth.
  'hdnts',
  '__token__',
  // Tencent CDN and Wangsu live/VOD anti-leech.
  'txsecret',
  'txtime',
  'wssecret',
  'wstime',
]);

/** S3 SigV4, GCS v4, Aliyun OSS v4, Volcengine TOS, Huawei OBS and Tencent COS headers-as-params. */
const SIGNATURE_PREFIXES = ['x-amz-', 'x-goog-', 'x-oss-', 'x-tos-', 'x-obs-', 'x-cos-'];

/** Under a signing prefix but part of what is served (a snapshot, a transcode): kept. */
const PROCESSING_PARAMS = new Set(['x-oss-process', 'x-tos-process', 'x-cos-process']);

/**
 * Azure SAS fields. Their names are short enough to be an app's own parameters (`sp`, `st`),
 * so they are dropped only when the SAS signature `sig` is present.
 */
const AZURE_SAS_PARAMS = new Set([
  'sv', 'ss', 'srt', 'sp', 'se', 'st', 'spr', 'sig', 'sr', 'si', 'sip',
  'skoid', 'sktid', 'skt', 'ske', 'sks', 'skv', 'sdd', 'ses',
]);

/**
 * Names proxies use both for a throw-away token and for the one thing that says which file
 * is meant (`/file?token=<id>`). Dropped only when the rest of the URL still names the file:
 * merging two different videos into one entry loses one; keeping a duplicate loses nothing.
 */
const AMBIGUOUS_PARAMS = new Set([
  'token', 'access_token', 'auth', 'sign', 'signature_v2', 'e', 't', 'ts', 'timestamp',
  'expire', 'expiry', 'exp', 'expires_at', 'nonce', '_t',
]);

/** A path segment that reads like an object id (long, with a digit): it names the file. */
const ID_SEGMENT = /^(?=.*\d)[\w-]{8,}$/;

/**
 * Identity of a video link: the URL without the query parameters that sign it or say when it
 * expires (S3/GCS/OSS/TOS/COS signatures, CloudFront `Expires`/`Signature`, Azure SAS, tokens),
 * the rest sorted, the fragment dropped. Two fetches of one answer with fresh signatures give
 * the same key. Input that is not a URL comes back unchanged. Stored entries keep the key
 * they were written with (index `by-video-key`): a change to these rules needs a schema step
 * in `src/store/video-db.ts` that recomputes it.
 */
export function videoKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const params = [...parsed.searchParams];
  const names = new Set(params.map(([name]) => name.toLowerCase()));
  const azureSigned = names.has('sig');
  const kept = params.filter(([name]) => !isSignature(name.toLowerCase(), azureSigned));
  const firm = kept.filter(([name]) => !AMBIGUOUS_PARAMS.has(name.toLowerCase()));
  const chosen = firm.length > 0 || pathNamesFile(parsed.pathname) ? firm : kept;
  chosen.sort(([a, aValue], [b, bValue]) => compare(a, b) || compare(aValue, bValue));
  const query = new URLSearchParams(chosen).toString();
  return `${parsed.origin}${parsed.pathname}${query ? `?${query}` : ''}`;
}

function isSignature(name: string, azureSigned: boolean): boolean {
  if (PROCESSING_PARAMS.has(name)) return false;
  if (SIGNATURE_PARAMS.has(name)) return true;
  if (azureSigned && AZURE_SAS_PARAMS.has(name)) return true;
  return SIGNATURE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

function pathNamesFile(pathname: string): boolean {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return /\.[A-Za-z0-9]{1,5}$/.test(last) || ID_SEGMENT.test(last);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
