import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { mountFileNameSettings, SAMPLE_ENTRY } from '../../../src/settings/render-file-name-settings';
import { DEFAULT_SETTINGS } from '../../../src/settings/settings';

describe('mountFileNameSettings', () => {
  it('previews names live, warns about unknown placeholders and saves as the user types', async () => {
    const { document } = parseHTML('<!doctype html><html><body><div id="s"></div></body></html>');
    const root = document.getElementById('s')!;
    const save = vi.fn(async () => {});
    await mountFileNameSettings(root, { load: async () => ({ ...DEFAULT_SETTINGS }), save, samples: async () => [] });
    const preview = () => Array.from(root.querySelectorAll('.template-preview code'), (code) => code.textContent);
    expect(preview()).toEqual([`一条狗在草地上奔跑 A dog runs on the grass_${SAMPLE_ENTRY.taskId}.mp4`]);

    const input = root.querySelector<HTMLInputElement>('#file-name-template')!;
    input.value = '{site}/{model}/{prompt} {nope}';
    input.dispatchEvent(new document.defaultView!.Event('input'));
    expect(preview()).toEqual(['chatglm.cn/cogvideox-flash/一条狗在草地上奔跑 A dog runs on the grass {nope}.mp4']);
    expect(root.querySelector('.template-warning')?.textContent).toBe('Unknown placeholder: {nope} (kept as written).');
    await vi.waitFor(() => expect(save).toHaveBeenCalledWith({ fileNameTemplate: '{site}/{model}/{prompt} {nope}' }));

    root.querySelector<HTMLButtonElement>('[data-action="reset-template"]')!.click();
    expect(input.value).toBe('{prompt}_{taskId}');
  });
});
