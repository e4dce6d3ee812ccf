import { describe, expect, it, vi } from 'vitest';
import { currentTab } from '../../../src/sites/current-tab';

function tabs() {
  const get = vi.fn(async (id: number) => ({ id, url: `https://named.example/${id}` }));
  const query = vi.fn(async () => [{ id: 1, url: 'https://active.example/' }]);
  return { api: { get, query }, get, query };
}

describe('currentTab', () => {
  it('is the active tab of the popup window', async () => {
    const { api, query } = tabs();
    await expect(currentTab(api, '')).resolves.toEqual({ id: 1, url: 'https://active.example/' });
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('is the tab named by ?tab= when the popup page is a tab itself', async () => {
    const { api, get } = tabs();
    await expect(currentTab(api, '?tab=42')).resolves.toEqual({ id: 42, url: 'https://named.example/42' });
    await currentTab(api, '?tab=');
    await currentTab(api, '?tab=1e3');
    expect(get).toHaveBeenCalledTimes(1);
  });
});
