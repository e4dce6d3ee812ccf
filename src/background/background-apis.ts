import type { DownloadsApi } from '../download/download-entry';
import type { PermissionsApi, ScriptingApi } from '../sites/site-access';
import type { CapturePort } from './capture-service';
import type { NotificationsApi } from './done-notification';
import type { StorageArea } from './storage-slot';

/** An event of the browser API, as far as the background listens to it. */
export interface BrowserEvent<Listener> {
  addListener(listener: Listener): void;
}

/** A stored value's change, as `storage.onChanged` reports it. */
export interface StorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}

/** The part of `alarms` the background uses. */
export interface AlarmsApi {
  get(name: string): Promise<unknown>;
  create(name: string, info: { delayInMinutes?: number; periodInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
  onAlarm: BrowserEvent<(alarm: { name: string }) => void>;
}

/**
 * The browser API as the background uses it, typed here so the modules of src/background/ take
 * it from entrypoints/background.ts instead of importing `wxt/browser` (CONTRIBUTING.md).
 */
export interface BackgroundApis {
  runtime: {
    id: string;
    getURL(path: string): string;
    sendMessage(message: unknown): Promise<unknown>;
    getPlatformInfo(): Promise<unknown>;
    onInstalled: BrowserEvent<() => void>;
    onStartup: BrowserEvent<() => void>;
    onConnect: BrowserEvent<(port: CapturePort & { name: string }) => void>;
  };
  storage: {
    local: StorageArea;
    session: StorageArea;
    onChanged: BrowserEvent<(changes: Record<string, StorageChange>, area: string) => void>;
  };
  alarms: AlarmsApi;
  action: { setBadgeText(details: { text: string }): Promise<void> };
  downloads: DownloadsApi & {
    onChanged: BrowserEvent<(delta: { id: number; state?: { current?: string } }) => void>;
  };
  scripting: ScriptingApi & {
    executeScript<Args extends unknown[], Result>(injection: {
      target: { tabId: number; frameIds?: number[] };
      func: (...args: Args) => Result;
      args: Args;
    }): Promise<{ result?: Awaited<Result> }[]>;
  };
  permissions: PermissionsApi & { onAdded: BrowserEvent<() => void>; onRemoved: BrowserEvent<() => void> };
  tabs: { create(properties: { url: string }): Promise<unknown> };
  /** Undefined until the user grants `notifications`. */
  notifications?: NotificationsApi;
}
