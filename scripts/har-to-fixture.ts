/**
 * `npx tsx scripts/har-to-fixture.ts <saved.har> <url part> [out file]`: lists the HAR's responses
 * whose URL contains <url part>, writes the last one to <out file>: a site extractor fixture
 * (page, request, response) when <out file> is under test/fixtures/sites/, else the body as
 * sent (JSON pretty-printed) for a dialect fixture,
 * and says what the extension's own import (src/library/import-captured-log.ts, the live capture
 * path) finds in the whole HAR, so a fixture is known to hold what a live capture would read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importCapturedLog } from '../src/library/import-captured-log';
import { fixtureBody, harResponses, siteFixture } from './har-fixture';

const [harPath, urlPart, outPath] = process.argv.slice(2);
if (!harPath || !urlPart) {
  console.error('usage: npx tsx scripts/har-to-fixture.ts <saved.har> <url part> [out file]');
  process.exit(2);
}
const text = readFileSync(harPath, 'utf8');
const matching = harResponses(text).filter((response) => response.url.includes(urlPart));
for (const response of matching) {
  console.log(`${response.method} ${response.status} ${response.mimeType || '(no type)'} ${response.body.length} chars  ${response.url}`);
}
const chosen = matching.at(-1);
if (!chosen) {
  console.error(`No response with a body has "${urlPart}" in its URL.`);
  process.exit(1);
}
if (outPath) {
  writeFileSync(outPath, outPath.includes('fixtures/sites/') ? siteFixture(chosen) : fixtureBody(chosen));
  console.log(`wrote ${outPath} from ${chosen.method} ${chosen.url}`);
}
const imported = importCapturedLog(text, basename(harPath));
console.log(`The extension's import reads ${imported.streams} stream(s) of this HAR and finds ${imported.updates.length} video entr${imported.updates.length === 1 ? 'y' : 'ies'}:`);
for (const update of imported.updates) console.log(`  ${update.status} ${update.prompt ?? '(no prompt)'} ${update.videoUrl ?? ''}`);
for (const issue of imported.issues) console.log(`  issue: ${issue.type} ${issue.message}`);
