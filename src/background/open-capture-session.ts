import type { StreamIssue } from '../decode/answer-reassembler';
import type { SiteExtractor } from '../sites/extractors';
import { findSiteEndpoint } from '../sites/extractors';
import { unmatchedAppResponse } from '../sites/unmatched-app-response';
import { createCaptureSession, type CaptureSession, type SessionSource } from './capture-session';
import { createSiteCaptureSession } from './site-capture-session';
import type { UnchangedBodies } from './unchanged-bodies';

/** One response as every way in knows it: where it came from, and the request that asked for it. */
export interface CapturedResponse extends SessionSource {
  /** The request's method (`GET` when unknown). */
  method: string;
  /** The request body as text, when there was one: video apps keep the prompt and input image there. */
  requestBody?: string;
}

/**
 * Opens the session that reads one response, the same for a live capture (capture-service.ts)
 * and for every import (src/library/import-captured-log.ts): a video app's own endpoint, chosen
 * by the page's host, the method and the path, is read by its site extractor before any chat
 * dialect; what none of its endpoints matches on its hosts (a moved path) by the generic task
 * reader; anything else by the chat session (its dialects and generic readers).
 */
export function openCaptureSession(
  response: CapturedResponse,
  extractors: readonly SiteExtractor[],
  onIssue: (issue: StreamIssue) => void,
  unchanged?: UnchangedBodies,
): CaptureSession {
  const { method, requestBody, ...source } = response;
  const pageHost = hostOf(source.pageUrl);
  const match = pageHost === undefined ? undefined : findSiteEndpoint(pageHost, method, source.endpointUrl, extractors);
  const unmatched = match || pageHost === undefined ? undefined : unmatchedAppResponse(pageHost, source.endpointUrl, extractors);
  const siteMatch = match ?? (unmatched ? { extractor: unmatched } : undefined);
  if (!siteMatch) return createCaptureSession(source, onIssue);
  return createSiteCaptureSession(siteMatch, { ...source, method, ...(requestBody ? { requestBody } : {}) }, onIssue, unchanged);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
