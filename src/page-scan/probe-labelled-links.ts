import type { FoundVideo } from './parse-page-scan';
import type { PageScanDeps } from './page-scan-deps';

/**
 * The links only their label calls a video (`视频`, `video`) that a HEAD check, done by the
 * extension, finds to be one; in the page's order. None when the check fails: a label alone
 * does not make a video.
 */
export async function probeLabelledLinks(
  labelled: readonly FoundVideo[],
  pageUrl: string,
  deps: Pick<PageScanDeps, 'probe'>,
): Promise<FoundVideo[]> {
  if (labelled.length === 0) return [];
  const verdicts = await deps.probe(
    labelled.map((video) => video.url),
    pageUrl,
  ).catch(() => []);
  return labelled.filter((_video, index) => verdicts[index] === 'video');
}
