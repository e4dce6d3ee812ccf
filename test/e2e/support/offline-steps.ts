/**
 * Steps the Chromium and Firefox offline-copy tests share: a chat answer whose links expire
 * soon, the wait until they have, and the stored option, read in an extension page.
 */

/** The demo endpoint for an answer whose media links are signed to expire `seconds` from now. */
export function expiringAnswer(seconds: number): { expires: number; endpoint: string } {
  const expires = Math.floor(Date.now() / 1000) + seconds;
  return { expires, endpoint: `/v1/chat/completions?pace=0&expires=${expires}` };
}

/** Resolves just after the links of `expiringAnswer` stopped working. */
export function untilExpired(expires: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, expires * 1000 - Date.now() + 300)));
}

/** Run in an extension page (self-contained): whether the stored settings keep offline copies. */
export const readKeepOffline = async (): Promise<boolean | undefined> => {
  type Area = { get(key: string): Promise<Record<string, unknown>> };
  const api = globalThis as unknown as { browser?: { storage: { local: Area } }; chrome?: { storage: { local: Area } } };
  const local = (api.browser ?? api.chrome)?.storage.local;
  const settings = (await local?.get('settings'))?.settings as { keepOffline?: boolean } | undefined;
  return settings?.keepOffline;
};
