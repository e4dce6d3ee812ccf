import { describe, expect, it, vi } from 'vitest';
import {
  createDoneNotifier,
  doneNotification,
  doneNotificationId,
  NOTIFICATION_PROMPT_LENGTH,
  type NotificationsApi,
} from '@/src/background/done-notification';
import type { VideoEntry } from '@/src/store/video-entry';

const ICON = 'chrome-extension://abc/icons/128.png';
const entry: VideoEntry = {
  id: 'task:42:0',
  status: 'done',
  progress: 6,
  videoUrl: 'https://cdn.example/42.mp4',
  prompt: '一条狗在草地上奔跑',
  site: 'http://localhost:3000',
  pageUrl: 'http://localhost:3000/chat',
  endpointUrl: 'http://localhost:3000/v1/chat/completions',
  index: 0,
  createdAt: 1,
  updatedAt: 2,
};

function fakeApi() {
  const clicks: Array<(id: string) => void> = [];
  const api = {
    create: vi.fn(async (id: string) => id),
    clear: vi.fn(async () => true),
    onClicked: { addListener: vi.fn((callback: (id: string) => void) => clicks.push(callback)) },
  } satisfies NotificationsApi;
  return { api, click: (id: string) => clicks.forEach((callback) => callback(id)) };
}

describe('doneNotification', () => {
  it("shows the extension's name over the prompt, on one line, cut without splitting a character", () => {
    expect(doneNotification(entry, ICON)).toEqual({ type: 'basic', title: 'Video Keeper', message: '一条狗在草地上奔跑', iconUrl: ICON });
    expect(doneNotification({ prompt: ' a\n  dog ' }, ICON).message).toBe('a dog');
    const long = doneNotification({ prompt: '🐕'.repeat(NOTIFICATION_PROMPT_LENGTH + 5) }, ICON).message;
    expect(Array.from(long)).toHaveLength(NOTIFICATION_PROMPT_LENGTH);
    expect(long.endsWith('🐕…')).toBe(true);
    expect(doneNotification({}, ICON).message).toBe('A video is ready.');
  });
});

describe('createDoneNotifier', () => {
  it('shows one notification per entry and opens the gallery when it is clicked', async () => {
    const { api, click } = fakeApi();
    const openGallery = vi.fn(async () => {});
    const notifier = createDoneNotifier({ api: () => api, iconUrl: ICON, openGallery, log: () => {} });
    notifier.listen();
    await notifier.show(entry);
    expect(api.create).toHaveBeenCalledWith(doneNotificationId(entry), expect.objectContaining({ message: entry.prompt }));
    // Listening twice would open the gallery twice per click.
    expect(api.onClicked.addListener).toHaveBeenCalledTimes(1);

    click('someone-else');
    expect(openGallery).not.toHaveBeenCalled();
    click(doneNotificationId(entry));
    expect(openGallery).toHaveBeenCalledTimes(1);
    expect(api.clear).toHaveBeenCalledWith(doneNotificationId(entry));
  });

  it('says the permission is missing when there is no API, and listens once it appears', async () => {
    const granted: { api?: NotificationsApi } = {};
    const { api, click } = fakeApi();
    const openGallery = vi.fn(async () => {});
    const notifier = createDoneNotifier({ api: () => granted.api, iconUrl: ICON, openGallery, log: () => {} });
    notifier.listen();
    await expect(notifier.show(entry)).rejects.toThrow('notifications permission is not granted');
    granted.api = api;
    await notifier.show(entry);
    click(doneNotificationId(entry));
    expect(openGallery).toHaveBeenCalledTimes(1);
  });
});
