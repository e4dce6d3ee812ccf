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
  /** Keep a copy of each done video and its cover in IndexedDB, so it outlives its signed link. */
  keepOffline: boolean;
  /** Most the offline copies may take together, in MB (10⁶ bytes, as browsers count storage); a video that does not fit is not copied. */
  offlineCapMb: number;
}

export const SETTINGS_KEY = 'settings';

/** Offline cap choices the options page offers, in MB. */
export const OFFLINE_CAP_CHOICES_MB = [250, 1000, 4000, 16_000] as const;

/** Bytes in one MB of `offlineCapMb`. */
export const MB = 1_000_000;

/**
 * What a new install uses: `<prompt>_<taskId>.mp4`, the name Video Keeper always gave; nothing
 * downloads or notifies by itself, and no copies are kept until the user asks (they cost disk).
 */
export const DEFAULT_SETTINGS: Readonly<Settings> = {
  fileNameTemplate: '{prompt}_{taskId}',
  autoDownload: false,
  notifyDone: false,
  keepOffline: false,
  offlineCapMb: 1000,
};

/** Longest template accepted; a file name is far shorter anyway. */
const MAX_TEMPLATE_LENGTH = 500;

/** Settings from whatever is stored (nothing, an older shape, junk): each field falls back to its default. */
export function parseSettings(value: unknown): Settings {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const template = record.fileNameTemplate;
  const flag = (name: 'autoDownload' | 'notifyDone' | 'keepOffline'): boolean =>
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
