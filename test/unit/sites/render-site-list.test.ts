import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { renderSiteList } from '../../../src/sites/render-site-list';

function setup(initial: string[]) {
  const { document } = parseHTML('<!doctype html><html><body><div id="sites"></div></body></html>');
  const root = document.getElementById('sites')!;
  let origins = initial;
  const deps = {
    list: vi.fn(async () => origins),
    disable: vi.fn(async (origin: string) => {
      origins = origins.filter((item) => item !== origin);
      return { ok: true as const };
    }),
  };
  return { root, deps };
}

describe('renderSiteList', () => {
  it('lists enabled sites and removes one', async () => {
    const { root, deps } = setup(['https://a.example', 'https://b.example']);
    await renderSiteList(root, deps);
    const names = () => Array.from(root.querySelectorAll('.site-origin'), (item) => item.textContent);
    expect(names()).toEqual(['https://a.example', 'https://b.example']);
    root.querySelector<HTMLButtonElement>('li[data-origin="https://a.example"] button')!.click();
    await vi.waitFor(() => expect(names()).toEqual(['https://b.example']));
    expect(deps.disable).toHaveBeenCalledWith('https://a.example');
  });

  it('says how to add a site when there is none, and shows a failed removal', async () => {
    const { root, deps } = setup(['https://a.example']);
    deps.disable.mockResolvedValueOnce({ ok: false, error: 'nope' } as never);
    await renderSiteList(root, deps);
    root.querySelector<HTMLButtonElement>('button')!.click();
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('nope'));
    const empty = setup([]);
    await renderSiteList(empty.root, empty.deps);
    expect(empty.root.textContent).toContain('Capture on this site');
  });
});
