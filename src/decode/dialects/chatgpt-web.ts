import { isRecord, nonBlank, type Dialect, type DialectIssue, type DialectRead, type DialectReader } from './dialect';

/** Where the answer's text lives in the document a delta stream patches. */
const TEXT_PATH = '/message/content/parts/0';
/** Paths whose change can change the answer text or whether the message is the answer at all. */
const ANSWER_PATHS = new Set([
  '',
  '/message',
  '/message/content',
  '/message/content/parts',
  TEXT_PATH,
  '/message/content/content_type',
  '/message/author',
  '/message/author/role',
  '/message/recipient',
]);
/** Metadata events of the conversation stream that carry nothing for the answer. */
const META_TYPES = new Set([
  'resume_conversation_token',
  'input_message',
  'message_marker',
  'title_generation',
  'conversation_detail_metadata',
  'server_ste_metadata',
  'url_moderation',
  'moderation',
]);
/** Keys a patch must never walk through: they reach prototypes, not data. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_PATH_DEPTH = 32;

type Json = unknown;

/**
 * ChatGPT's web backend (`/backend-api/conversation`, `/backend-api/f/conversation`). With
 * delta encoding v1 (`event: delta_encoding` / `data: "v1"`) each `event: delta` patches one
 * document `{message, conversation_id, error}`: `{"v": {"message": …}}` or `{"p": "", "o":
 * "add", "v": …}` starts a message, `{"p": "/message/content/parts/0", "o": "append", "v":
 * "text"}` adds text, a bare `{"v": "text"}` repeats the last path and operation, and
 * `{"o": "patch", "v": [ops]}` batches operations. Without delta encoding every event is the
 * whole document so far. Only assistant messages addressed to the user (`recipient` "all",
 * text content) are the answer; tool calls, tool results and the echoed user message are not.
 */
export const chatGptWeb: Dialect = { name: 'chatgpt-web', create: createChatGptReader };

function createChatGptReader(): DialectReader {
  let doc: Json;
  let lastPath: string | undefined;
  let lastOp: string | undefined;
  /**
   * Answer text of the current message already passed on. Every operation that can change the
   * text, or whether the message is the answer, re-reads the document, so this is always the
   * document's answer text and a plain append can be passed on as it is.
   */
  let emitted = '';
  let messageId: string | undefined;
  let endsWithNewline = true;
  let pendingSeparator = false;
  let claimed = false;

  let read: DialectRead = {};
  const out = (text: string): void => {
    if (text === '') return;
    const piece = pendingSeparator && !endsWithNewline ? `\n${text}` : text;
    pendingSeparator = false;
    read.text = (read.text ?? '') + piece;
    endsWithNewline = piece.endsWith('\n');
  };
  const report = (issue: DialectIssue): void => {
    read.issue ??= issue;
  };

  const resync = (): void => {
    const text = answerText(doc) ?? '';
    if (text.startsWith(emitted)) {
      out(text.slice(emitted.length));
    } else {
      // Text already passed on cannot be taken back; the rewritten text follows on a new line
      // so the extractor still sees every link it holds (it drops repeated videos).
      report({
        type: 'unsupported-delta',
        message: 'the answer text was rewritten mid-stream; the new text is read after the old',
      });
      pendingSeparator = true;
      out(text);
    }
    emitted = text;
  };

  const startDocument = (value: Json): void => {
    doc = value;
    const id = isRecord(doc) && isRecord(doc.message) ? nonBlank(doc.message.id) : undefined;
    if (id !== messageId) {
      // A new message of the same turn (after a tool call, say) continues the answer on a new line.
      messageId = id;
      if (emitted !== '') pendingSeparator = true;
      emitted = '';
    }
    resync();
  };

  const apply = (path: string, op: string, value: Json): void => {
    if (op === 'patch') {
      if (!Array.isArray(value)) {
        report({ type: 'unsupported-delta', message: 'a patch operation without a list of operations was skipped' });
        return;
      }
      for (const item of value as Json[]) {
        if (!isRecord(item) || typeof item.o !== 'string') {
          report({ type: 'unsupported-delta', message: 'a patch held an operation without `o`; it was skipped' });
          continue;
        }
        apply(path + (typeof item.p === 'string' ? item.p : ''), item.o, item.v);
      }
      return;
    }
    if (path === '' && (op === 'add' || op === 'replace')) {
      if (isRecord(value)) startDocument(value);
      else report({ type: 'unsupported-delta', message: `a root ${op} without an object was skipped` });
      return;
    }
    if (op === 'append' && path === TEXT_PATH && typeof value === 'string' && answerText(doc) !== undefined) {
      setAt(doc, path, op, value);
      out(value);
      emitted += value;
      return;
    }
    const problem = setAt(doc, path, op, value);
    if (problem) {
      report({ type: 'unsupported-delta', message: problem });
      return;
    }
    if (ANSWER_PATHS.has(path)) resync();
  };

  const readDelta = (delta: Record<string, unknown>): void => {
    if (typeof delta.p === 'string') lastPath = delta.p;
    if (typeof delta.o === 'string') lastOp = delta.o;
    if (delta.p === undefined && delta.o === undefined && isRecord(delta.v) && isRecord(delta.v.message)) {
      // The first delta of a message is the whole document, without path or operation.
      startDocument(delta.v);
      lastPath = undefined;
      lastOp = undefined;
      return;
    }
    if (lastOp === undefined) {
      report({ type: 'unsupported-delta', message: 'a delta without an operation to continue was skipped' });
      return;
    }
    apply(lastPath ?? '', lastOp, delta.v);
  };

  return {
    read({ json, event }) {
      read = {};
      if (event === 'delta_encoding') {
        if (json !== 'v1') return undefined;
        claimed = true;
        return read;
      }
      if (!isRecord(json)) return undefined;
      if (event === 'delta' || (claimed && typeof json.type !== 'string' && 'v' in json)) {
        if (!('v' in json)) return undefined;
        claimed = true;
        readDelta(json);
      } else if (typeof json.type === 'string') {
        if (!claimed) return undefined;
        if (json.type === 'message_stream_complete') read.finished = true;
        else if (!META_TYPES.has(json.type)) return undefined;
      } else if (isRecord(json.message) && isRecord(json.message.author) && isRecord(json.message.content)) {
        // Without delta encoding each event is the whole document so far.
        claimed = true;
        startDocument(json);
      } else {
        return undefined;
      }
      const message = isRecord(doc) && isRecord(doc.message) ? doc.message : undefined;
      const model = message && isRecord(message.metadata) ? nonBlank(message.metadata.model_slug) : undefined;
      if (model) read.model = model;
      if (message?.end_turn === true && answerText(doc) !== undefined) read.finished = true;
      return read;
    },
  };
}

/** The answer text of a document, or undefined when its message is not an answer to the user. */
function answerText(doc: Json): string | undefined {
  if (!isRecord(doc) || !isRecord(doc.message)) return undefined;
  const { author, recipient, content } = doc.message;
  if (!isRecord(author) || author.role !== 'assistant') return undefined;
  if (recipient !== undefined && recipient !== 'all') return undefined;
  if (!isRecord(content)) return undefined;
  if (content.content_type !== 'text' && content.content_type !== 'multimodal_text') return undefined;
  const first: unknown = Array.isArray(content.parts) ? content.parts[0] : undefined;
  return typeof first === 'string' ? first : undefined;
}

/**
 * Applies one operation at a JSON-pointer-like path (`/a/0/b`), creating missing objects on
 * the way as the server expects. Returns why it could not, or undefined.
 */
function setAt(doc: Json, path: string, op: string, value: Json): string | undefined {
  const keys = path.split('/').slice(1).map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (keys.length === 0 || keys.length > MAX_PATH_DEPTH || keys.some((key) => UNSAFE_KEYS.has(key))) {
    return `a delta at an unusable path was skipped: ${path.slice(0, 80)}`;
  }
  let parent: Json = doc;
  for (const key of keys.slice(0, -1)) {
    if (Array.isArray(parent)) {
      parent = (parent as Json[])[Number(key)];
    } else if (isRecord(parent)) {
      if (!Object.hasOwn(parent, key) || parent[key] === null) parent[key] = {};
      parent = parent[key];
    } else {
      return `a delta at a path the message does not have was skipped: ${path.slice(0, 80)}`;
    }
  }
  const last = keys[keys.length - 1] ?? '';
  if (Array.isArray(parent)) return setInList(parent as Json[], last, op, value, path);
  if (!isRecord(parent)) return `a delta at a path the message does not have was skipped: ${path.slice(0, 80)}`;
  const current = Object.hasOwn(parent, last) ? parent[last] : undefined;
  const next = operate(current, op, value);
  if (next.problem) return `${next.problem} at ${path.slice(0, 80)}`;
  if (next.remove) Reflect.deleteProperty(parent, last);
  else parent[last] = next.value;
  return undefined;
}

function setInList(list: Json[], key: string, op: string, value: Json, path: string): string | undefined {
  const index = Number(key);
  if (!Number.isInteger(index) || index < 0 || index > list.length) {
    return `a delta at a missing list item was skipped: ${path.slice(0, 80)}`;
  }
  const next = operate(list[index], op, value);
  if (next.problem) return `${next.problem} at ${path.slice(0, 80)}`;
  if (next.remove) list.splice(index, 1);
  else list[index] = next.value;
  return undefined;
}

/**
 * The new value of one place under an operation (`add`, `replace`, `append`, `truncate`,
 * `remove`); `append` concatenates text and lists and merges objects.
 */
function operate(current: Json, op: string, value: Json): { value?: Json; remove?: true; problem?: string } {
  switch (op) {
    case 'add':
    case 'replace':
      return { value };
    case 'append':
      if (current === undefined || current === null) return { value: Array.isArray(value) ? [...(value as Json[])] : value };
      if (typeof current === 'string' && typeof value === 'string') return { value: current + value };
      if (Array.isArray(current)) return { value: current.concat(Array.isArray(value) ? value : [value]) };
      // `/message/metadata` gets `{is_complete, finish_details}` appended: a merge of objects.
      if (isRecord(current) && isRecord(value)) return { value: { ...current, ...value } };
      return { problem: 'an append to something that is not text or a list was skipped' };
    case 'truncate':
      if (typeof value === 'number' && (typeof current === 'string' || Array.isArray(current))) {
        return { value: current.slice(0, value) };
      }
      return { problem: 'a truncate without a length was skipped' };
    case 'remove':
      return { remove: true };
    default:
      return { problem: `an unknown delta operation "${op.slice(0, 20)}" was skipped` };
  }
}
