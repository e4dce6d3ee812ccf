/** The user's settings, kept in `storage.local` under `SETTINGS_KEY`. */
export interface Settings {
  /**
   * How downloaded videos are named: text with `{date}`, `{time}`, `{prompt}`, `{taskId}`,
   * `{model}`, `{site}`, `{index}`; `/` makes subfolders of the downloads folder.
   */
  fileNameTemplate: string;
}

export const SETTINGS_KEY = 'settings';

/** What a new install uses: `<prompt>_<taskId>.mp4`, the name Video Keeper always gave. */
export const DEFAULT_SETTINGS: Readonly<Settings> = { fileNameTemplate: '{prompt}_{taskId}' };

/** Longest template accepted; a file name is far shorter anyway. */
const MAX_TEMPLATE_LENGTH = 500;

/** Settings from whatever is stored (nothing, an older shape, junk): each field falls back to its default. */
export function parseSettings(value: unknown): Settings {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const template = record.fileNameTemplate;
  return {
    fileNameTemplate:
      typeof template === 'string' && template.trim() !== '' && template.length <= MAX_TEMPLATE_LENGTH
        ? template
        : DEFAULT_SETTINGS.fileNameTemplate,
  };
}
