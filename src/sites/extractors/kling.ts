import rule from '../rules/bundled/kling.json';
import { bundledRuleExtractor } from '../rules/bundled-rule';
import type { SiteExtractor } from './site-extractor';

/**
 * Kling web (klingai.com, app.klingai.com, klingai.kuaishou.com): submit a task, then poll its
 * status until it holds `works[]`. The video is `works[].resource.resource`; the prompt lives in
 * `arguments[{name:"prompt",value}]`; a status of 90 or more without works failed, and works
 * decide done whatever the final code. Written as data, not code: the declarative rule
 * `src/sites/rules/bundled/kling.json` (the schema: src/sites/rules/rule-schema.ts). Shapes:
 * yihong0618/klingCreator and other public clients, see test/fixtures/sites/kling/README.md.
 */
export const kling: SiteExtractor = bundledRuleExtractor(rule);
