/**
 * Calls that answer with an HTTP redirect to a generated video, whose final URL is the only
 * place the link shows: Google Flow's tRPC `media.getMediaUrlRedirect?name=<mediaId>`
 * (src/sites/extractors/google-flow.ts). For these the page world reports the final URL of the
 * response, never its body (the video itself). Matched against the URL the page asked for,
 * absolute or relative; a regex, not a function, to keep the page-world script small.
 */
export const MEDIA_REDIRECT = /getMediaUrlRedirect/;
