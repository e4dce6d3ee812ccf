/**
 * An HTTP method token (`POST`, `PUT`…) in upper case, from untrusted input; undefined for
 * `GET` (the default every side assumes) and for anything that is not a method.
 */
export function methodOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z]{3,10}$/.test(value)) return undefined;
  const verb = value.toUpperCase();
  return verb === 'GET' ? undefined : verb;
}
