/**
 * A page-chosen part of an entry id (a task id), with the id separator `:` (and `%`, which
 * escapes it) percent-escaped. Ids are `task:<taskId>:<n>` for chat answers and
 * `task:<extractor>:<taskId>:<n>` for video apps: a chat stream naming a task `sora:abc` must
 * not make the id of Sora's own entry.
 */
export function entryIdPart(text: string): string {
  return text.replaceAll('%', '%25').replaceAll(':', '%3A');
}
