/** The part of the `tabs` API used here. */
export interface TabsApi {
  get(tabId: number): Promise<{ id?: number; url?: string }>;
  query(query: { active: true; currentWindow: true }): Promise<Array<{ id?: number; url?: string }>>;
}

/**
 * The tab the popup acts on: the active tab of its window (its address is readable through
 * `activeTab`, granted when the user opens the popup), or the tab named by `?tab=<id>` when the
 * popup page is opened as a tab of its own (the browser tests do; a tab only shows its address
 * then if the extension holds that site's permission).
 */
export async function currentTab(tabs: TabsApi, search: string): Promise<{ id?: number; url?: string } | undefined> {
  const named = new URLSearchParams(search).get('tab');
  if (named !== null && /^\d{1,15}$/.test(named)) return tabs.get(Number(named));
  return (await tabs.query({ active: true, currentWindow: true }))[0];
}
