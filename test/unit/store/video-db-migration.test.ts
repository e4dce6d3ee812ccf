import 'fake-indexeddb/auto';
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { createVideoDbConnection, openVideoDb, VIDEO_DB_VERSION } from '@/src/store/video-db';
import { createVideoStore, openVideoStore } from '@/src/store/video-store';

// ---------------------------------------------------------------------------------------------
// Frozen historical snapshot: schema v1 exactly as shipped (src/store/video-db.ts, c284db3).
// Never edit it to follow the current code: it is what users' databases were made with.
// ---------------------------------------------------------------------------------------------
interface VideoEntryV1 {
  id: string;
  status: 'generating' | 'done' | 'failed';
  progress: number;
  videoUrl?: string;
  coverUrl?: string;
  prompt?: string;
  taskId?: string;
  inputImageUrl?: string;
  model?: string;
  site: string;
  pageUrl: string;
  endpointUrl: string;
  index: number;
  failureReason?: 'no-result' | 'stream-error' | 'interrupted';
  createdAt: number;
  updatedAt: number;
}

interface VideoDbV1 extends DBSchema {
  videos: {
    key: string;
    value: VideoEntryV1;
    indexes: {
      'by-created': number;
      'by-site': string;
      'by-video': string;
    };
  };
}

function openVideoDbV1(name: string): Promise<IDBPDatabase<VideoDbV1>> {
  return openDB<VideoDbV1>(name, 1, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const videos = db.createObjectStore('videos', { keyPath: 'id' });
        videos.createIndex('by-created', 'createdAt');
        videos.createIndex('by-site', 'site');
        // Not unique: entries still generating have no URL yet, and the dedupe lookup
        // goes through this index anyway.
        videos.createIndex('by-video', 'videoUrl');
      }
    },
    blocking() {
      // Another context needs a newer version: let it upgrade rather than block it.
    },
  });
}
// ---------------------------------------------------------------------------------------------

const common = {
  site: 'http://localhost:3000',
  pageUrl: 'http://localhost:3000/chat',
  endpointUrl: 'http://localhost:3000/v1/chat/completions',
  progress: 6,
  index: 0,
  createdAt: 1000,
  updatedAt: 2000,
};
const SIGNED = (date: string, signature: string): string =>
  `https://bucket.s3.amazonaws.com/out/v2.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}T080000Z&X-Amz-Expires=3600&X-Amz-Signature=${signature}`;
const v1Entries: VideoEntryV1[] = [
  { ...common, id: 'task:1:0', status: 'done', taskId: '1', prompt: '一条狗', videoUrl: 'https://cdn.test/1.mp4', coverUrl: 'https://cdn.test/1.jpg' },
  { ...common, id: 'url:signed', status: 'done', videoUrl: SIGNED('20250326', 'aaa'), createdAt: 1500 },
  { ...common, id: 'task:3:0', status: 'generating', taskId: '3', progress: 2 },
  { ...common, id: 'task:4:0', status: 'failed', taskId: '4', failureReason: 'no-result' },
];

let dbCount = 0;
async function v1Database(): Promise<string> {
  dbCount += 1;
  const name = `migration-${dbCount}`;
  const db = await openVideoDbV1(name);
  for (const entry of v1Entries) await db.put('videos', entry);
  db.close();
  return name;
}

describe('video database upgrade from v1', () => {
  it('is at version 4', () => {
    expect(VIDEO_DB_VERSION).toBe(4);
  });

  it('keeps every entry and gives each stored link its videoKey (and expiry)', async () => {
    const db = await openVideoDb(await v1Database());
    expect(db.version).toBe(VIDEO_DB_VERSION);
    const stored = await db.getAll('videos');
    expect(stored).toHaveLength(v1Entries.length);
    expect(await db.get('videos', 'task:1:0')).toEqual({ ...v1Entries[0], videoKey: 'https://cdn.test/1.mp4' });
    expect(await db.get('videos', 'url:signed')).toEqual({
      ...v1Entries[1],
      videoKey: 'https://bucket.s3.amazonaws.com/out/v2.mp4',
      expiresAt: Date.UTC(2025, 2, 26, 9),
    });
    expect(await db.get('videos', 'task:3:0')).toEqual(v1Entries[2]);
    expect(await db.get('videos', 'task:4:0')).toEqual(v1Entries[3]);
    expect([...db.transaction('videos').store.indexNames].sort()).toEqual(['by-created', 'by-site', 'by-video', 'by-video-key']);
    expect((await db.getAllKeysFromIndex('videos', 'by-video-key')).sort()).toEqual(['task:1:0', 'url:signed']);
    db.close();
  });

  it('dedupes a re-signed link of a migrated entry into it', async () => {
    const db = await openVideoDb(await v1Database());
    const store = createVideoStore(db);
    const [written] = await store.apply(
      [{ ...common, id: 'url:other-id', status: 'done', videoUrl: SIGNED('20250327', 'bbb'), expiresAt: Date.UTC(2025, 2, 27, 9) }],
      3000,
    );
    expect(written).toMatchObject({ id: 'url:signed', createdAt: 1500, videoUrl: SIGNED('20250327', 'bbb') });
    expect(await store.list()).toHaveLength(v1Entries.length);
    db.close();
  });

  it('scrubs secrets from the page and endpoint URLs of every entry, and still backfills the keys (v4)', async () => {
    dbCount += 1;
    const name = `migration-${dbCount}`;
    const old = await openVideoDbV1(name);
    const leaky: VideoEntryV1 = {
      ...common,
      id: 'task:5:0',
      status: 'done',
      videoUrl: 'https://cdn.test/5.mp4?sig=keep',
      coverUrl: 'https://cdn.test/5.jpg?token=keep',
      pageUrl: 'http://localhost:3000/chat?id=5&access_token=leak1#leak2',
      endpointUrl: 'http://localhost:3000/v1/events?access_token=leak3',
    };
    for (const entry of [...v1Entries, leaky]) await old.put('videos', entry);
    old.close();
    const db = await openVideoDb(name);
    expect(await db.get('videos', 'task:5:0')).toEqual({
      ...leaky,
      videoKey: 'https://cdn.test/5.mp4',
      pageUrl: 'http://localhost:3000/chat?id=5',
      endpointUrl: 'http://localhost:3000/v1/events',
    });
    expect(JSON.stringify(await db.getAll('videos'))).not.toMatch(/leak/);
    expect(await db.get('videos', 'task:1:0')).toEqual({ ...v1Entries[0], videoKey: 'https://cdn.test/1.mp4' });
    db.close();
  });

  it('leaves a v3 database as it is when opened again', async () => {
    const name = await v1Database();
    (await openVideoDb(name)).close();
    const db = await openVideoDb(name);
    expect(await db.count('videos')).toBe(v1Entries.length);
    db.close();
  });
});

// Frozen historical snapshot: the v2 step exactly as shipped (src/store/video-db.ts, before v3):
// v1's store plus the `by-video-key` index. Never edit it to follow the current code.
function openVideoDbV2(name: string): Promise<IDBPDatabase> {
  return openDB(name, 2, {
    upgrade(db) {
      const videos = db.createObjectStore('videos', { keyPath: 'id' });
      videos.createIndex('by-created', 'createdAt');
      videos.createIndex('by-site', 'site');
      videos.createIndex('by-video', 'videoUrl');
      videos.createIndex('by-video-key', 'videoKey');
    },
  });
}

describe('video database upgrade from v2', () => {
  it('keeps every entry and index and adds an empty offline store that holds Blobs', async () => {
    const name = `v2-${++dbCount}`;
    const v2 = await openVideoDbV2(name);
    const entry = { ...v1Entries[0]!, videoKey: 'https://cdn.test/1.mp4' };
    await v2.put('videos', entry);
    v2.close();

    const db = await openVideoDb(name);
    expect(db.version).toBe(VIDEO_DB_VERSION);
    expect(await db.getAll('videos')).toEqual([entry]);
    expect([...db.transaction('videos').store.indexNames].sort()).toEqual(['by-created', 'by-site', 'by-video', 'by-video-key']);
    expect(await db.count('offline')).toBe(0);
    const video = new Blob([new Uint8Array([0, 0, 0, 24])], { type: 'video/mp4' });
    await db.put('offline', { id: entry.id, state: 'kept', videoUrl: 'https://cdn.test/1.mp4', video, bytes: 4, savedAt: 5 });
    const kept = await db.get('offline', entry.id);
    expect(kept?.state === 'kept' && kept.video.type).toBe('video/mp4');
    expect(kept?.state === 'kept' && new Uint8Array(await kept.video.arrayBuffer())).toEqual(new Uint8Array([0, 0, 0, 24]));
    db.close();
  });
});

describe('connections step aside', () => {
  it('close for a newer version instead of blocking it, and say so', async () => {
    const name = await v1Database();
    const onClose = vi.fn();
    await openVideoDb(name, { onClose });
    const blocked = vi.fn();
    const newer = await openDB(name, VIDEO_DB_VERSION + 1, { blocked });
    expect(blocked).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalledOnce();
    newer.close();
  });

  it('reopen on next use when they closed (createVideoDbConnection, openVideoStore)', async () => {
    const name = await v1Database();
    const connection = createVideoDbConnection(name);
    const first = await connection();
    expect(await connection()).toBe(first);
    const store = openVideoStore(name);
    expect(await store.list()).toHaveLength(v1Entries.length);

    // Deleting the database asks every connection to close, like an upgrade does.
    const blocked = vi.fn();
    await deleteDB(name, { blocked });
    expect(blocked).not.toHaveBeenCalled();

    const second = await connection();
    expect(second).not.toBe(first);
    expect(second.version).toBe(VIDEO_DB_VERSION);
    expect(await store.list()).toEqual([]);
    await store.apply([{ ...common, id: 'task:9:0', status: 'generating' }]);
    expect(await store.get('task:9:0')).toMatchObject({ status: 'generating' });
  });
});
