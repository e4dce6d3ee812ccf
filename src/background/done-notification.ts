import { t } from '../i18n/t';
import type { VideoEntry } from '../store/video-entry';

/** The part of `browser.notifications` used here; absent until the user grants `notifications`. */
export interface NotificationsApi {
  create(id: string, options: DoneNotificationOptions): Promise<string>;
  clear(id: string): Promise<boolean>;
  onClicked: { addListener(callback: (id: string) => void): void };
}

export interface DoneNotificationOptions {
  type: 'basic';
  title: string;
  message: string;
  iconUrl: string;
}

/** Characters of the prompt a notification shows; system notifications cut long text anyway. */
export const NOTIFICATION_PROMPT_LENGTH = 120;
const ID_PREFIX = 'video-done:';

/** One id per entry: showing it again would replace it, never add a second. */
export function doneNotificationId(entry: Pick<VideoEntry, 'id'>): string {
  return `${ID_PREFIX}${entry.id}`;
}

/** The notification for a done video: the extension's name over its prompt, cut to a line or two. */
export function doneNotification(entry: Pick<VideoEntry, 'prompt'>, iconUrl: string): DoneNotificationOptions {
  const prompt = entry.prompt?.replace(/\s+/g, ' ').trim() ?? '';
  // By code points, so a cut never splits an emoji or a CJK surrogate pair.
  const chars = Array.from(prompt);
  const message =
    chars.length === 0
      ? t('notifyDoneNoPrompt')
      : chars.length > NOTIFICATION_PROMPT_LENGTH
        ? `${chars.slice(0, NOTIFICATION_PROMPT_LENGTH - 1).join('')}…`
        : prompt;
  return { type: 'basic', title: t('extName'), message, iconUrl };
}

export interface DoneNotifierOptions {
  /** `browser.notifications`, read each time: it appears once the optional permission is granted. */
  api(): NotificationsApi | undefined;
  /** Absolute URL of the icon (`runtime.getURL('/icons/128.png')`). */
  iconUrl: string;
  /** Opens the full gallery page. */
  openGallery(): Promise<unknown>;
  log(message: string): void;
}

export interface DoneNotifier {
  /** Shows the notification for `entry`; rejects when the permission is missing. */
  show(entry: VideoEntry): Promise<void>;
  /**
   * Listens for clicks once the API is there. Call it when the worker starts (a click wakes a
   * stopped worker, which must listen synchronously) and again when the permission is granted.
   */
  listen(): void;
}

/** Shows done notifications and opens the gallery when one is clicked. */
export function createDoneNotifier(options: DoneNotifierOptions): DoneNotifier {
  let listening = false;
  const listen = (): void => {
    const api = options.api();
    if (listening || !api) return;
    listening = true;
    api.onClicked.addListener((id) => {
      if (!id.startsWith(ID_PREFIX)) return;
      options.openGallery().catch((error: unknown) => options.log(`could not open the gallery: ${String(error)}`));
      api.clear(id).catch(() => {
        // Already gone (the user closed it, or the system did): nothing to clear.
      });
    });
  };
  return {
    listen,
    async show(entry) {
      const api = options.api();
      if (!api) throw new Error('the notifications permission is not granted; switch notifications on again in the options');
      listen();
      await api.create(doneNotificationId(entry), doneNotification(entry, options.iconUrl));
    },
  };
}
