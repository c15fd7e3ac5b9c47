// Where links to the article viewer point: one builder for the server's pages, the links other
// clients get, the audit records and the browser bundles, which is why this module imports nothing.

export interface QuoteLocation {
  articleId: string;
  start: number;
  end: number;
}

/**
 * The viewer's path for an article with one quote highlighted. `anchor` adds `#quote-1`, which
 * opens the page at the quote even before (or without) the viewer's script scrolling to it.
 */
export function viewerPath(quote: QuoteLocation, options: { anchor?: boolean } = {}): string {
  return `/articles/${encodeURIComponent(quote.articleId)}?start=${quote.start}&end=${quote.end}${options.anchor ? '#quote-1' : ''}`;
}

/**
 * The origin a client reached the server at, for absolute links: Express's `request.host` and
 * `request.protocol` read X-Forwarded-Host and X-Forwarded-Proto from a trusted proxy (TRUST_PROXY),
 * and the Host header otherwise. Without a host the links stay paths on the server ('').
 */
export function requestOrigin(request: { protocol: string; host: string | undefined }): string {
  return request.host ? `${request.protocol}://${request.host}` : '';
}
