import { describe, expect, it } from 'vitest';
import { bodyFormatOf, sniffBodyFormat } from '@/src/decode/body-format';

describe('bodyFormatOf', () => {
  it('maps content types to framings', () => {
    expect(bodyFormatOf('text/event-stream; charset=utf-8')).toBe('sse');
    expect(bodyFormatOf('application/x-ndjson')).toBe('ndjson');
    expect(bodyFormatOf('application/jsonl')).toBe('ndjson');
    expect(bodyFormatOf('application/json; charset=UTF-8')).toBe('json');
    // text/plain may also be the bare answer (the AI SDK's text stream); nothing else may.
    expect(bodyFormatOf('text/plain; charset=utf-8')).toBe('sniff-text');
    expect(bodyFormatOf('')).toBe('sniff');
    expect(bodyFormatOf('text/html')).toBe('sniff');
    // chatgpt-web's newline-joined JSON.
    expect(bodyFormatOf('application/octet-stream')).toBe('sniff');
  });
});

describe('sniffBodyFormat', () => {
  it('knows JSON, data stream and SSE bodies by their first characters', () => {
    expect(sniffBodyFormat(' \n[{')).toBe('json');
    expect(sniffBodyFormat('\uFEFF{"a"')).toBe('json');
    expect(sniffBodyFormat('0:"he')).toBe('data-stream');
    expect(sniffBodyFormat('f:{"messageId"')).toBe('data-stream');
    expect(sniffBodyFormat('data: {')).toBe('sse');
    expect(sniffBodyFormat('event: text\n')).toBe('sse');
    expect(sniffBodyFormat(': keep-alive\n')).toBe('sse');
    expect(sniffBodyFormat('id: 1\n')).toBe('sse');
  });

  it('waits while the text could still be any of them', () => {
    for (const head of ['', '  ', 'd', 'da', 'dat', 'e', 'even', 'i', 'r', '0:', '[', '[ \n']) expect(sniffBodyFormat(head)).toBe('undecided');
  });

  it('gives up on anything else', () => {
    expect(sniffBodyFormat('<!doctype html>')).toBe('unknown');
    expect(sniffBodyFormat('Hello')).toBe('unknown');
    expect(sniffBodyFormat('dog')).toBe('unknown');
    // Answer text that merely starts like JSON or a data stream line.
    expect(sniffBodyFormat('[视频](https://x/v.mp4)')).toBe('unknown');
    expect(sniffBodyFormat('a: b')).toBe('unknown');
  });
});
