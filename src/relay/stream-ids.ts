/** The id a page stream goes by with the background: the relay's nonce and the page's number, unique across frames and reloads. */
export function streamIdOf(nonce: string, id: number): string {
  return `${nonce}-${id}`;
}

/** The page's number of a stream the background names, if the name is one this relay (`nonce`) gave. */
export function pageIdOf(nonce: string, streamId: string): number | undefined {
  const prefix = `${nonce}-`;
  return streamId.startsWith(prefix) ? Number(streamId.slice(prefix.length)) : undefined;
}
