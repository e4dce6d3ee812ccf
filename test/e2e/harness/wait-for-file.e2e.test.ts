import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForFile } from '../../browser/wait-for-file';

describe('waitForFile', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'video-keeper-wait-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('waits while Chromium still writes the .crdownload partial, then returns the renamed file', async () => {
    const partial = join(dir, 'clip.mp4.crdownload');
    await writeFile(partial, 'half');
    const found = waitForFile(dir, 'clip.mp4', { timeoutMs: 3_000, intervalMs: 20 });
    await sleep(150);
    await writeFile(partial, 'the whole clip');
    await rename(partial, join(dir, 'clip.mp4'));
    await expect(found).resolves.toEqual({ name: 'clip.mp4', path: join(dir, 'clip.mp4'), size: 14 });
  });

  it('waits while Firefox writes the .part beside the empty placeholder under the final name', async () => {
    await writeFile(join(dir, 'clip.mp4'), '');
    const partial = join(dir, 'clip.mp4.part');
    await writeFile(partial, 'half');
    const found = waitForFile(dir, 'clip.mp4', { timeoutMs: 3_000, intervalMs: 20 });
    await sleep(150);
    await writeFile(partial, 'the whole clip');
    await rename(partial, join(dir, 'clip.mp4'));
    await expect(found).resolves.toEqual({ name: 'clip.mp4', path: join(dir, 'clip.mp4'), size: 14 });
  });

  it('does not return a file while another download is still a partial', async () => {
    await writeFile(join(dir, 'clip.mp4'), 'done');
    await writeFile(join(dir, 'Unconfirmed 123.crdownload'), '');
    await expect(waitForFile(dir, 'clip.mp4', { timeoutMs: 300, intervalMs: 20 })).rejects.toThrow(
      /Unconfirmed 123\.crdownload/,
    );
  });

  it('matches a pattern and names what the folder holds when it times out', async () => {
    await writeFile(join(dir, 'cover.jpeg'), 'jpeg');
    await expect(waitForFile(dir, /\.mp4$/, { timeoutMs: 200, intervalMs: 20 })).rejects.toThrow(
      /No complete file \/\\\.mp4\$\/ in .* after 200 ms; it holds: cover\.jpeg/,
    );
    await writeFile(join(dir, '一条狗_1.mp4'), 'mp4');
    await expect(waitForFile(dir, /\.mp4$/, { timeoutMs: 1_000, intervalMs: 20 })).resolves.toMatchObject({
      name: '一条狗_1.mp4',
    });
  });
});
