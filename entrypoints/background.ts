import { browser } from 'wxt/browser';
import { createCaptureService } from '@/src/background/capture-service';
import { dispatchRequest, type RequestHandlers } from '@/src/background/request-handlers';
import { probeVideoLink } from '@/src/background/probe-video-link';
import { createStaleSweeper } from '@/src/background/stale-sweeper';
import { createVideoLinkChecker } from '@/src/background/video-link-checker';
import { downloadEntry } from '@/src/download/download-entry';
import { CAPTURE_PORT_NAME, type EntriesChanged } from '@/src/protocol/messages';
import { openVideoStore } from '@/src/store/video-store';

const SWEEP_ALARM = 'sweep-stale';

export default defineBackground(() => {
  // Opens on first use and reopens after closing for another context's upgrade.
  const store = openVideoStore();

  const entriesChanged = (): void => {
    const message: EntriesChanged = { type: 'entries-changed' };
    // No open gallery means no receiver: that is fine.
    browser.runtime.sendMessage(message).catch(() => {});
  };

  const linkChecker = createVideoLinkChecker({
    store,
    probe: (url) => probeVideoLink(url, (target, init) => fetch(target, init)),
    onEntriesChanged: entriesChanged,
  });

  const capture = createCaptureService({
    extensionId: browser.runtime.id,
    store,
    log: (entry) => console.warn('[video-keeper]', entry.type, entry.streamId ?? '', entry.message),
    onEntriesChanged(entries) {
      entriesChanged();
      void linkChecker.check(entries);
    },
  });

  const sweeper = createStaleSweeper({
    store,
    liveEntryIds: () => capture.liveEntryIds(),
    onEntriesChanged: entriesChanged,
    now: () => Date.now(),
    wakeLater(needed, delayMs) {
      if (needed) void browser.alarms.create(SWEEP_ALARM, { delayInMinutes: delayMs / 60_000 });
      else void browser.alarms.clear(SWEEP_ALARM);
    },
  });

  const handlers: RequestHandlers = {
    'download-entry': async ({ id }) => downloadEntry(await store.get(id), browser.downloads),
  };

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === CAPTURE_PORT_NAME) capture.connect(port);
  });
  // webextension-polyfill: a listener answers by returning a promise.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined => {
    // Requests come from the extension's own pages only, never from content scripts.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
    return dispatchRequest(handlers, message);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SWEEP_ALARM) void sweeper.sweep();
  });
  void sweeper.sweep();
});
