/** The part of a `storage` area (`storage.local`, `storage.session`) a slot uses. */
export interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** One key of a storage area, read and written as one value (`undefined` removes it). */
export interface StorageSlot<T> {
  load(): Promise<unknown>;
  save(value: T | undefined): Promise<void>;
}

export function storageSlot<T>(area: StorageArea, key: string): StorageSlot<T> {
  return {
    load: async () => (await area.get(key))[key],
    save: (value) => (value === undefined ? area.remove(key) : area.set({ [key]: value })),
  };
}
