/**
 * Host names that name the user's own machine or network by convention, not a public site.
 * `.local` is mDNS; the others are reserved or widespread for home and company networks.
 */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.localdomain', '.internal', '.lan', '.home.arpa'];

/**
 * Whether a URL's host is on the user's machine or local network, read from the host name
 * itself (no DNS): `localhost` and the local suffixes, and IP literals that are loopback,
 * private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local (169.254/16,
 * fe80::/10) or unspecified (0/8, `::`), IPv4-mapped IPv6 included. The URL parser has already
 * turned `0x7f.1`, `2130706433` and other IPv4 spellings into dotted decimal. What is not a URL
 * counts as local: it is never requested.
 */
export function isLocalUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return true;
  }
  if (hostname.endsWith('.')) hostname = hostname.slice(0, -1);
  if (hostname === 'localhost' || LOCAL_SUFFIXES.some((suffix) => hostname.endsWith(suffix))) return true;
  if (hostname.startsWith('[')) return isLocalIpv6(hostname.slice(1, -1));
  const ipv4 = ipv4Octets(hostname);
  return ipv4 ? isLocalIpv4(ipv4) : false;
}

/**
 * Whether the extension may send a request to `url` for a capture made on `page` (the page's
 * URL or origin): never to a local address (`isLocalUrl`) unless the page itself is on one, so
 * a public page cannot make the extension knock on the user's router or a local service.
 */
export function mayRequest(url: string, page: string | undefined): boolean {
  return !isLocalUrl(url) || (page !== undefined && isLocalUrl(page));
}

function ipv4Octets(hostname: string): number[] | undefined {
  const parts = hostname.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN));
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

function isLocalIpv4([a = 0, b = 0, c = 0, d = 0]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b < 128) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168) ||
    (a === 255 && b === 255 && c === 255 && d === 255)
  );
}

/** `address` is the URL parser's canonical form: lower-case hex groups, at most one `::`, no dotted tail. */
function isLocalIpv6(address: string): boolean {
  const groups = ipv6Groups(address);
  if (!groups) return true;
  const [first = 0] = groups;
  const zeroesBefore = (count: number): boolean => groups.slice(0, count).every((group) => group === 0);
  // `::` and `::1`.
  if (zeroesBefore(7) && (groups[7] === 0 || groups[7] === 1)) return true;
  // `::ffff:a.b.c.d`, an IPv4 address in IPv6 form.
  if (zeroesBefore(5) && groups[5] === 0xffff) {
    const high = groups[6] ?? 0;
    const low = groups[7] ?? 0;
    return isLocalIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0;
}

function ipv6Groups(address: string): number[] | undefined {
  const [head = '', tail, ...rest] = address.split('::');
  if (rest.length > 0) return undefined;
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => (/^[0-9a-f]{1,4}$/.test(group) ? parseInt(group, 16) : Number.NaN)));
  const before = parse(head);
  const after = tail === undefined ? [] : parse(tail);
  const missing = 8 - before.length - after.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...before, ...new Array<number>(missing).fill(0), ...after];
  return groups.every((group) => Number.isInteger(group)) ? groups : undefined;
}
