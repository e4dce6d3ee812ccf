/**
 * One URL an answer mentions, with what the text around it says about it. The URL is raw text:
 * the reader checks it (`parseHttpUrl`) and judges it (`judgeLink`) before using it.
 */
export interface FoundLink {
  url: string;
  /** What the link itself says: link text, image alt, reference name, `<a>` text, `type`. */
  label?: string;
  /** Text just before the link on its line. */
  context?: string;
  /** What the syntax says: `<video src>` or `<source>` in a video, a `poster`, an `<img>`. */
  hint?: 'video' | 'cover' | 'image';
  /** A cover the same construct gives this link: `<video poster>`, `[![封面](img)](video)`. */
  cover?: string;
  /** Footnotes referenced right after the link: `[视频](url)[^1][^2]`. */
  footnotes?: string[];
  /** The link is (part of) this footnote's definition: `[^1]: [封面](url)`. */
  footnote?: string;
}
