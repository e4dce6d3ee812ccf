import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { VideoEntry } from './video-entry';

export const VIDEO_DB_NAME = 'video-keeper';
export const VIDEO_DB_VERSION = 1;

/** Typed schema of the library database. Add a version step below, never edit an old one. */
export interface VideoDb extends DBSchema {
  videos: {
    key: string;
    value: VideoEntry;
    indexes: {
      'by-created': number;
      'by-site': string;
      'by-video': string;
    };
  };
}

export type VideoDatabase = IDBPDatabase<VideoDb>;

/** Opens (and creates or upgrades) the library database. */
export function openVideoDb(name: string = VIDEO_DB_NAME): Promise<VideoDatabase> {
  return openDB<VideoDb>(name, VIDEO_DB_VERSION, {
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
