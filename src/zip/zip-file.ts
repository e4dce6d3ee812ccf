/** The part of `navigator.storage` used here (the origin private file system). */
export interface PrivateFileSystem {
  getDirectory(): Promise<FileSystemDirectoryHandle>;
}

/** ZIPs written to disk carry this prefix, so those an earlier page left behind can be found and removed. */
export const ZIP_FILE_PREFIX = 'video-keeper-zip-';

/** A ZIP on disk (or, where the page has no private file system, a Blob the browser may page out), and how to drop it. */
export interface WrittenZip {
  file: Blob;
  remove(): Promise<void>;
}

/**
 * Streams `zip` into a file of the origin private file system (Chrome 102+, Firefox 111+), so a
 * multi-gigabyte ZIP never sits in memory; the File read back is backed by that disk file and
 * downloads from a `blob:` URL. Without it (a private window in Firefox) the stream is collected
 * into a Blob, which browsers keep on disk past a few MB.
 */
export async function writeZipFile(zip: ReadableStream<Uint8Array>, name: string, storage: PrivateFileSystem | undefined): Promise<WrittenZip> {
  let directory: FileSystemDirectoryHandle | undefined;
  try {
    directory = await storage?.getDirectory();
  } catch {
    directory = undefined;
  }
  const handle = await directory?.getFileHandle(`${ZIP_FILE_PREFIX}${name}`, { create: true }).catch(() => undefined);
  const writable = await handle?.createWritable().catch(() => undefined);
  if (!directory || !handle || !writable) return { file: await new Response(zip).blob(), remove: () => Promise.resolve() };
  await zip.pipeTo(writable);
  return {
    file: await handle.getFile(),
    remove: () => directory.removeEntry(handle.name).catch(() => {}),
  };
}

/** Removes ZIP files an earlier page wrote and never removed (closed mid-download). */
export async function removeStaleZips(storage: PrivateFileSystem | undefined): Promise<void> {
  try {
    const directory = await storage?.getDirectory();
    if (!directory) return;
    for await (const name of (directory as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> }).keys()) {
      if (name.startsWith(ZIP_FILE_PREFIX)) await directory.removeEntry(name).catch(() => {});
    }
  } catch {
    // No private file system here: nothing was written.
  }
}
