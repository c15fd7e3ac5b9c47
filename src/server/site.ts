// The pages people see: the demo page, the article viewer, and the embeddable widget script
// (bundled from widget/ by `npm run build`, or in memory when the server runs from the sources).
import type { Express, Request, Response } from 'express';
import type { ServiceState } from './app.js';
import { articlePage, HighlightError, messagePage, parseHighlights, sendPage } from './article-view.js';
import { mountCheckPage } from './check-page.js';
import { NO_EXAMPLES, type Examples } from './examples.js';
import { escapeHtml, page } from './html.js';
import { truncate } from './http-errors.js';
import type { EventLog } from './logging.js';
import { buildScript, loadScript, sendScript } from './script-bundle.js';

export interface SiteOptions {
  state: () => ServiceState;
  /** Where a failed widget build is reported at start-up; requests for /widget.js then fail and are logged too. */
  logger?: EventLog;
  /** The example questions and claims the demo page offers; none when not given. */
  examples?: Examples;
}

export type { Bundle } from './script-bundle.js';

export const buildWidget = () => buildScript('widget');
export const loadWidget = () => loadScript('widget');

// Wires the example buttons to the widget; served as a file so the page needs no inline script.
const DEMO_SCRIPT = `document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('button[data-question], button[data-claim]');
  if (!button || !window.ExportRulesQA) return;
  if (button.dataset.question) window.ExportRulesQA.ask(button.dataset.question);
  else window.ExportRulesQA.check(button.dataset.claim);
});`;

// Links from the widget carry #quote-1; a hand-made ?start=&end= link does not, and still
// deserves to open at its highlight.
const VIEWER_SCRIPT = `if (!location.hash) {
  var first = document.querySelector('mark.quote');
  if (first) first.scrollIntoView({ block: 'center' });
}`;

/**
 * How the date was found, for the article list: "Inferred: the text treats ..." -> "inferred",
 * "Stated in the page metadata (article:published_time)." -> "stated in the page metadata
 * (article:published_time)". Only a colon followed by a space ends the short form.
 */
export function dateSourceLabel(note: string): string {
  const short = note.split(/:\s/, 1)[0]!.trim().replace(/\.$/, '');
  return short.charAt(0).toLowerCase() + short.slice(1);
}

function exampleButtons(label: string, attribute: 'data-question' | 'data-claim', items: string[]): string {
  if (items.length === 0) return '';
  const buttons = items.map((item) => `<li><button type="button" ${attribute}="${escapeHtml(item)}">${escapeHtml(item)}</button></li>`).join('');
  return `<div class="examples"><p>${label}</p><ul>${buttons}</ul></div>`;
}

async function demoPage(state: ServiceState, examples: Examples): Promise<string> {
  const articles = (await state.service?.listArticles()) ?? [];
  const sorted = [...articles].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
  const list = sorted
    .map((article) => {
      const date = article.published ? `${article.published}${article.publishedNote ? ` (${dateSourceLabel(article.publishedNote)})` : ''}` : 'date unknown';
      const meta = [article.publisher, date].filter(Boolean).map((part) => escapeHtml(part!)).join(' · ');
      return `<li><a href="/articles/${encodeURIComponent(article.id)}">${escapeHtml(article.title)}</a><br><span class="meta">${meta}</span></li>`;
    })
    .join('\n');
  const body = `
<header><h1>Japan's defence-equipment export rules</h1></header>
<main>
<p>Ask a question about how Japan's rules on exporting defence equipment have changed. Answers come only from the news articles listed below, and every statement carries a numbered marker that opens the exact quoted passage. When the articles do not answer a question, the service says so.</p>
${exampleButtons('Try a question:', 'data-question', examples.questions)}
<p><a href="/check">Check a whole draft against the articles</a>: paste a paragraph or upload a file, and every sentence is checked.</p>
${exampleButtons('Or check a claim:', 'data-claim', examples.claims)}
<h2>The articles</h2>
${articles.length ? `<ul class="articles">${list}</ul>` : `<p class="notice">${escapeHtml(state.problem ?? 'The article index is still loading.')}</p>`}
<p class="meta">Embed the assistant on any page: <code>&lt;script src="https://HOST/widget.js" data-endpoint="https://HOST" async&gt;&lt;/script&gt;</code>. API description: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</main>`;
  return page("Japan's defence export rules: questions and answers", body, '<script src="/widget.js" data-open="true" async></script>\n<script src="/demo.js" defer></script>', 'with-widget');
}

function servesScript(app: Express, path: string, code: string): void {
  app.get(path, (_request, response) => {
    response.set({ 'Content-Type': 'application/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }).send(code);
  });
}

export function mountSite(app: Express, options: SiteOptions): void {
  const widget = loadWidget();
  widget.catch((error: unknown) => options.logger?.error({ event: 'widget_build_failed', err: error }, 'The widget could not be built.'));

  app.get('/widget.js', async (request: Request, response: Response) => {
    // Any site may embed the script.
    sendScript(request, response, await widget, { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
  });

  servesScript(app, '/demo.js', DEMO_SCRIPT);
  servesScript(app, '/viewer.js', VIEWER_SCRIPT);

  mountCheckPage(app, options);

  app.get('/', async (_request, response) => {
    sendPage(response, 200, await demoPage(options.state(), options.examples ?? NO_EXAMPLES));
  });

  app.get('/articles/:id', async (request, response) => {
    const state = options.state();
    if (!state.service) {
      sendPage(response, 503, messagePage('Not ready yet', state.problem ?? 'The article index is still loading; reload in a few seconds.'));
      return;
    }
    const article = await state.service.index.article(String(request.params.id));
    if (!article) {
      sendPage(response, 404, messagePage('Article not found', `There is no article with the id "${truncate(String(request.params.id))}"; the start page lists the articles.`));
      return;
    }
    try {
      sendPage(response, 200, articlePage(article, parseHighlights(request.query, article.text.length)));
    } catch (error) {
      if (!(error instanceof HighlightError)) throw error;
      sendPage(response, 400, articlePage(article, [], `${error.message} The article is shown without highlights.`));
    }
  });
}
