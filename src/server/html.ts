// Minimal HTML building for server-rendered pages: every value is escaped on the way in.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** Only http(s) URLs become links; anything else (javascript:, data:) is dropped. */
export function safeHref(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export const PAGE_SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'",
  'X-Frame-Options': 'SAMEORIGIN',
};

const PAGE_STYLE = `
body { font-family: Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; line-height: 1.6; }
header p, .meta { font-family: system-ui, sans-serif; color: #4b5563; font-size: .9rem; }
h1 { line-height: 1.25; }
a { color: #1d4ed8; }
.article-text { font-size: 1.05rem; }
.article-text p, .article-text li { margin: 0 0 .9em; }
.article-text h2 { font-family: system-ui, sans-serif; font-size: 1.15rem; line-height: 1.3; margin: 1.6em 0 .5em; }
.article-text ul.items { list-style: none; margin: 0 0 .9em; padding-left: 1rem; }
.article-text ul.items li { margin-bottom: .3em; }
mark.quote { background: #fde68a; color: #111827; padding: 0 .1em; scroll-margin-top: 30vh; }
/* Set apart by italics and a darker grey that still meets the AA contrast ratio, also on a highlight. */
.excluded { color: #4b5563; font-style: italic; }
.notice { font-family: system-ui, sans-serif; background: #fef3c7; border-left: 4px solid #d97706; padding: .5rem .8rem; }
.error { font-family: system-ui, sans-serif; background: #fee2e2; border-left: 4px solid #b91c1c; padding: .5rem .8rem; }
ul.articles li { margin-bottom: .6rem; }
.examples p { font-family: system-ui, sans-serif; font-size: .9rem; margin: .8rem 0 .3rem; }
.examples ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
.examples button { font: inherit; font-family: system-ui, sans-serif; font-size: .9rem; text-align: left; padding: .3rem .7rem; border: 1px solid #1d4ed8; color: #1d4ed8; background: #fff; border-radius: 999px; cursor: pointer; }
.legend { font-family: system-ui, sans-serif; font-size: .85rem; color: #4b5563; }
/* The launcher floats over the bottom right corner: the end of the page scrolls clear of it. */
body.with-widget { padding-bottom: 5rem; }
/* On wide screens the demo page leaves room for the open chat panel on the right. */
@media (min-width: 1100px) { body.with-widget { margin-left: max(1rem, calc(50vw - 46rem - 220px)); margin-right: 460px; } }
`;

export function page(title: string, body: string, scripts = '', bodyClass = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body${bodyClass ? ` class="${escapeHtml(bodyClass)}"` : ''}>
${body}
${scripts}
</body>
</html>`;
}
