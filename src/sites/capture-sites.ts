/**
 * Where capture is on by default. Self-hosted chat UIs run on loopback on any port
 * (match patterns ignore the port), plus a short list of public chat hosts that serve
 * video models. Nothing else: the extension never asks for `<all_urls>`.
 */
export const LOOPBACK_MATCHES = [
  '*://localhost/*',
  '*://127.0.0.1/*',
  '*://[::1]/*',
] as const;

/**
 * Public chat front ends known to stream video answers. (chatglm.cn is a video app: it is
 * captured through its site extractor, see src/sites/video-apps.ts.)
 */
export const KNOWN_CHAT_HOST_MATCHES = [
  'https://open.bigmodel.cn/*',
  'https://bigmodel.cn/*',
  'https://chatgpt.com/*',
  'https://app.nextchat.dev/*',
  'https://lobechat.com/*',
] as const;

/** Match patterns the content scripts are declared for. */
export const CAPTURE_MATCHES: string[] = [...LOOPBACK_MATCHES, ...KNOWN_CHAT_HOST_MATCHES];
