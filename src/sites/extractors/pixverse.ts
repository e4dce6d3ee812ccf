import rule from '../rules/bundled/pixverse.json';
import { bundledRuleExtractor } from '../rules/bundled-rule';
import type { SiteExtractor } from './site-extractor';

/**
 * PixVerse web (app.pixverse.ai; its API is app-api.pixverse.ai). Answers are
 * `{ErrCode, ErrMsg, Resp}`; a non-zero `ErrCode` reports nothing. Create (`video/i2v`,
 * `video/t2v`) answers only the `video_id`, so the prompt and input image come from its request;
 * the user's own list (`video/list/personal`) then reports each video by that id (`video_status`
 * 1 done, 7 and 10 moderated, 8 and 9 failed; `first_frame` is a still of the generated video,
 * so the cover; a bare `video_path` is on media.pixverse.ai). The community lists and the
 * OpenAPI are not read. Written as data, not code: the declarative rule
 * `src/sites/rules/bundled/pixverse.json` (the schema: src/sites/rules/rule-schema.ts).
 */
export const pixverse: SiteExtractor = bundledRuleExtractor(rule);
