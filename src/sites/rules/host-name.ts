/**
 * The hosts a site rule may name. Each covers itself and its subdomains (as an extractor's
 * `hosts` do), so a name that is a whole top-level domain or a public suffix would cover
 * thousands of sites: those, wildcards, IP addresses and ranges are refused.
 */

/** Suffixes under which anyone registers names: naming one would cover everyone's sites. */
const PUBLIC_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'edu.cn', 'com.hk', 'com.tw', 'com.au',
  'net.au', 'org.au', 'co.jp', 'ne.jp', 'or.jp', 'co.kr', 'co.nz', 'co.in', 'com.br', 'com.sg', 'com.my', 'co.id', 'com.mx',
  'com.tr', 'co.za', 'github.io', 'gitlab.io', 'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev', 'herokuapp.com',
  'appspot.com', 'web.app', 'firebaseapp.com', 'cloudfront.net', 'azurewebsites.net', 'blogspot.com', 'amazonaws.com',
]);

/** Why a host is refused, or undefined when it is a single site's name. */
export function hostProblem(host: string): string | undefined {
  if (host.length === 0 || host.length > 253) return 'not a host name';
  if (/[*?]/.test(host)) return 'wildcards are not allowed (a host already covers its subdomains)';
  if (/[/:[\]]/.test(host) || /^[0-9.]+$/.test(host)) return 'IP addresses, ranges, ports and paths are not allowed';
  if (host !== host.toLowerCase()) return 'must be lower case';
  const labels = host.split('.');
  if (labels.some((label) => !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label))) return 'not a host name';
  if (labels.length < 2) return 'a bare top-level domain would match every site under it';
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/.test(labels.at(-1) ?? '')) return 'not a host name';
  if (PUBLIC_SUFFIXES.has(host)) return 'a public suffix would match every site under it';
  return undefined;
}
