import type { VideoEntry } from '../store/video-entry';
import { TEMPLATE_TOKENS, templateFileName, unknownTokens, type TemplateToken } from './file-name-template';
import { DEFAULT_SETTINGS, type SettingsStore } from './settings';
import { t, type MessageName } from '../i18n/t';

/** What the template field needs; the options entrypoint supplies `storage.local` and the library. */
export interface FileNameSettingsDeps extends SettingsStore {
  /** Entries to preview the names of (the newest few; a sample when the library is empty). */
  samples(): Promise<VideoEntry[]>;
}

/** A sample shown in the preview while the library is empty. */
export const SAMPLE_ENTRY: VideoEntry = {
  id: 'task:8891215448425547870:0',
  status: 'done',
  progress: 6,
  videoUrl: 'https://aigc-files.bigmodel.cn/api/cogvideo/sample_0.mp4',
  prompt: '一条狗在草地上奔跑 / A dog runs on the grass',
  taskId: '8891215448425547870',
  model: 'cogvideox-flash',
  site: 'https://chatglm.cn',
  pageUrl: 'https://chatglm.cn/main/alltoolsdetail',
  endpointUrl: 'https://chatglm.cn/chatglm/backend-api/assistant/stream',
  index: 0,
  createdAt: Date.UTC(2025, 2, 25, 6, 3, 59),
  updatedAt: Date.UTC(2025, 2, 25, 6, 4, 30),
};

/**
 * The file name template field: placeholder buttons, a live preview of the names real entries
 * would get, a warning for unknown placeholders; saved as the user types.
 */
export async function mountFileNameSettings(root: HTMLElement, deps: FileNameSettingsDeps): Promise<void> {
  const doc = root.ownerDocument;
  const [settings, samples] = await Promise.all([deps.load(), deps.samples().catch(() => [])]);
  const previewEntries = samples.length > 0 ? samples : [SAMPLE_ENTRY];

  const label = doc.createElement('label');
  label.htmlFor = 'file-name-template';
  label.textContent = t('templateLabel');
  const input = doc.createElement('input');
  input.id = 'file-name-template';
  input.className = 'template-input';
  input.value = settings.fileNameTemplate;
  input.spellcheck = false;
  input.setAttribute('aria-describedby', 'template-help');

  const help = doc.createElement('p');
  help.id = 'template-help';
  help.className = 'hint';
  help.textContent = t('templateHelp');
  const tokens = doc.createElement('div');
  tokens.className = 'template-tokens';
  for (const [token, message] of Object.entries(TEMPLATE_TOKENS) as Array<[TemplateToken, MessageName]>) {
    const meaning = t(message);
    const add = doc.createElement('button');
    add.type = 'button';
    add.textContent = `{${token}}`;
    add.title = meaning;
    add.setAttribute('aria-label', t('templateInsert', `{${token}}`, meaning));
    add.addEventListener('click', () => {
      const at = input.selectionStart ?? input.value.length;
      input.value = `${input.value.slice(0, at)}{${token}}${input.value.slice(input.selectionEnd ?? at)}`;
      changed();
      input.focus();
    });
    tokens.append(add);
  }
  const reset = doc.createElement('button');
  reset.type = 'button';
  reset.dataset.action = 'reset-template';
  reset.textContent = t('templateReset');
  reset.addEventListener('click', () => {
    input.value = DEFAULT_SETTINGS.fileNameTemplate;
    changed();
  });

  const warning = doc.createElement('p');
  warning.className = 'template-warning';
  warning.setAttribute('role', 'alert');
  const previewTitle = doc.createElement('h3');
  previewTitle.textContent = t('templatePreview');
  const preview = doc.createElement('ul');
  preview.className = 'template-preview';
  preview.setAttribute('aria-live', 'polite');
  const saved = doc.createElement('p');
  saved.className = 'template-saved hint';
  saved.setAttribute('role', 'status');

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  function changed(): void {
    draw();
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      const template = input.value.trim() || DEFAULT_SETTINGS.fileNameTemplate;
      deps.save({ fileNameTemplate: template }).then(
        () => (saved.textContent = t('templateSaved')),
        (error: unknown) => (saved.textContent = t('templateSaveError', error instanceof Error ? error.message : String(error))),
      );
    }, 300);
  }

  function draw(): void {
    const template = input.value.trim() || DEFAULT_SETTINGS.fileNameTemplate;
    const unknown = unknownTokens(template);
    const names = unknown.map((name) => `{${name}}`).join(', ');
    warning.textContent = unknown.length === 0 ? '' : t(unknown.length > 1 ? 'templateUnknown' : 'templateUnknownOne', names);
    warning.hidden = unknown.length === 0;
    preview.replaceChildren(
      ...previewEntries.map((entry) => {
        const item = doc.createElement('li');
        const code = doc.createElement('code');
        code.textContent = templateFileName(template, entry);
        item.append(code);
        return item;
      }),
    );
    saved.textContent = '';
  }

  input.addEventListener('input', changed);
  const row = doc.createElement('div');
  row.className = 'template-row';
  row.append(input, reset);
  root.replaceChildren(label, row, help, tokens, warning, previewTitle, preview, saved);
  draw();
}
