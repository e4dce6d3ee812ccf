/** The user's settings, kept in `storage.local` under `SETTINGS_KEY`. */
export interface Settings {
  /**
   * How downloaded videos are named: text with `{date}`, `{time}`, `{prompt}`, `{taskId}`,
   * `{model}`, `{site}`, `{index}`; `/` makes subfolders of the downloads folder.
   */
  fileNameTemplate: string;
  /** Download each new video as soon as its answer is done, under the template's name. */
  autoDownload: boolean;
  /** Show a system notification when a video that was generating is done (needs `notifications`). */
  notifyDone: boolean;
  /** Keep a copy of each done video and its cover in IndexedDB, so it outlives its signed link: on every site (asks for every host). */
  keepOffline: boolean;
  /** Keep such a copy of each done video of a video app (its media hosts are granted at install): on by default. */
  keepAppCopies: boolean;
  /** Write the prompt, site, model and task into a downloaded MP4's own metadata (src/mp4). */
  embedStory: boolean;
  /** Where a video's bytes cannot be read (no copy, host not granted), save a `.json` with its story beside the download. */
  sidecarJson: boolean;
  /** Most the offline copies may take together, in MB (10⁶ bytes, as browsers count storage); a video that does not fit is not copied. */
  offlineCapMb: number;
}

export const SETTINGS_KEY = 'settings';

/** Offline cap choices the options page offers, in MB. */
export const OFFLINE_CAP_CHOICES_MB = [250, 1000, 2000, 4000, 16_000] as const;

/** Bytes in one MB of `offlineCapMb`. */
export const MB = 1_000_000;

/**
 * What a new install uses: `<prompt>_<taskId>.mp4`, the name Video Keeper always gave; nothing
 * downloads or notifies by itself. The video apps' done videos are copied within 2 GB (their
 * links expire within hours or days, and their hosts are granted at install); other sites' only
 * when the user asks. Downloaded MP4s carry their story.
 */
export const DEFAULT_SETTINGS: Readonly<Settings> = {
  fileNameTemplate: '{prompt}_{taskId}',
  autoDownload: false,
  notifyDone: false,
  keepOffline: false,
  keepAppCopies: true,
  embedStory: true,
  sidecarJson: false,
  offlineCapMb: 2000,
};

/** Longest template accepted; a file name is far shorter anyway. */
const MAX_TEMPLATE_LENGTH = 500;

/** Settings from whatever is stored (nothing, an older shape, junk): each field falls back to its default. */
export function parseSettings(value: unknown): Settings {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const template = record.fileNameTemplate;
  const flag = (name: 'autoDownload' | 'notifyDone' | 'keepOffline' | 'keepAppCopies' | 'embedStory' | 'sidecarJson'): boolean =>
    typeof record[name] === 'boolean' ? record[name] : DEFAULT_SETTINGS[name];
  const cap = record.offlineCapMb;
  return {
    fileNameTemplate:
      typeof template === 'string' && template.trim() !== '' && template.length <= MAX_TEMPLATE_LENGTH
        ? template
        : DEFAULT_SETTINGS.fileNameTemplate,
    autoDownload: flag('autoDownload'),
    notifyDone: flag('notifyDone'),
    keepOffline: flag('keepOffline'),
    keepAppCopies: flag('keepAppCopies'),
    embedStory: flag('embedStory'),
    sidecarJson: flag('sidecarJson'),
    offlineCapMb:
      typeof cap === 'number' && Number.isInteger(cap) && cap >= 1 && cap <= 1_048_576 ? cap : DEFAULT_SETTINGS.offlineCapMb,
  };
}

/** Where settings live; each options section saves only the fields it owns. */
export interface SettingsStore {
  load(): Promise<Settings>;
  /** Merges `patch` into what is stored now (not into what a page loaded earlier). */
  save(patch: Partial<Settings>): Promise<void>;
}

/** A `SettingsStore` over a `storage.local`-like area. */
export function createSettingsStore(area: {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}): SettingsStore {
  const load = async (): Promise<Settings> => parseSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
  return {
    load,
    async save(patch) {
      await area.set({ [SETTINGS_KEY]: { ...(await load()), ...patch } });
    },
  };
}
