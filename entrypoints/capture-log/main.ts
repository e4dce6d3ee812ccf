import { browser } from 'wxt/browser';
import { renderCaptureLog } from '../../src/capture-log/render-capture-log';
import { createBackgroundSender } from '../../src/gallery/background-client';
import { localizePage } from '../../src/i18n/t';
import '../../src/gallery/theme.css';
import '../options/style.css';

localizePage(document);
const sendToBackground = createBackgroundSender((message) => browser.runtime.sendMessage(message));
const root = document.querySelector<HTMLElement>('#capture-log');
if (root) {
  void renderCaptureLog(
    root,
    {
      records: async () => (await sendToBackground({ type: 'capture-log' })).records,
      clear: () => sendToBackground({ type: 'clear-capture-log' }),
      saveFile(name, text) {
        const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
        const link = Object.assign(document.createElement('a'), { href: url, download: name });
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
      now: () => Date.now(),
    },
    browser.runtime.getManifest().version,
  );
}
