// The pages people see: the demo page, the article viewer, and the embeddable widget script
// (bundled from widget/ by `npm run build`, or in memory when the server runs from the sources).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Express, Request, Response } from 'express';
import type { ServiceState } from './app.js';
import { articlePage, HighlightError, messagePage, parseHighlights, sendPage } from './article-view.js';
import { escapeHtml, page } from './html.js';
import { truncate } from './http-errors.js';
import type { EventLog } from './logging.js';

export interface SiteOptions {
  state: () => ServiceState;
  /** Where a failed widget build is reported at start-up; requests for /widget.js then fail and are logged too. */
  logger?: EventLog;
}

export interface Bundle {
  code: string;
  etag: string;
}

const WIDGET_ENTRY = fileURLToPath(new URL('../../widget/widget.ts', import.meta.url));
/** Where `npm run build` writes the bundle: dist/widget/widget.js, beside the compiled dist/src/. */
const PREBUILT_WIDGET = fileURLToPath(new URL('../../widget/widget.js', import.meta.url));
const RUNNING_COMPILED = import.meta.url.endsWith('.js');

function bundleOf(code: string): Bundle {
  return { code, etag: `"${createHash('sha256').update(code).digest('hex').slice(0, 16)}"` };
}

export async function buildWidget(): Promise<Bundle> {
  // Imported here so the compiled server never loads esbuild or starts its service process.
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [WIDGET_ENTRY], bundle: true, minify: true, format: 'iife', target: 'es2020', write: false, legalComments: 'none' });
  return bundleOf(result.outputFiles[0]!.text);
}

/** The bundle `npm run build` made when running compiled; from the sources, a fresh one. */
export async function loadWidget(): Promise<Bundle> {
  if (!RUNNING_COMPILED) return buildWidget();
  try {
    return bundleOf(await readFile(PREBUILT_WIDGET, 'utf8'));
  } catch (error) {
    throw new Error(`The widget bundle ${PREBUILT_WIDGET} cannot be read; run \`npm run build\`.`, { cause: error });
  }
}

const EXAMPLE_QUESTIONS = [
  'When are the new fighter jets expected to be deployed?',
  'How many countries can now receive lethal equipment from Japan?',
  'Who welcomed the decision to sell Patriot missiles?',
  'What were the five non-combat areas for exports?',
];

const EXAMPLE_CLAIMS = ['Japan agreed to sell 11 Mogami-class frigates to Australia.', 'The jets are expected to be deployed by 2040.'];

// Wires the example buttons to the widget; served as a file so the page needs no inline script.
const DEMO_SCRIPT = `document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('button[data-question], button[data-claim]');
  if (!button || !window.ExportRulesQA) return;
  if (button.dataset.question) window.ExportRulesQA.ask(button.dataset.question);
  else window.ExportRulesQA.check(button.dataset.claim);
});`;

async function demoPage(state: ServiceState): Promise<string> {
  const articles = (await state.service?.listArticles()) ?? [];
  const sorted = [...articles].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
  const list = sorted
    .map(
      (article) =>
        `<li><a href="/articles/${encodeURIComponent(article.id)}">${escapeHtml(article.title)}</a><br><span class="meta">${escapeHtml(
          [article.publisher, article.published ?? 'date unknown'].filter(Boolean).join(' · '),
        )}${article.publishedNote ? ` (${escapeHtml(article.publishedNote.split(':')[0]!.toLowerCase())})` : ''}</span></li>`,
    )
    .join('\n');
  const body = `
<header><h1>Japan's defence-equipment export rules</h1></header>
<p>Ask a question about how Japan's rules on exporting defence equipment have changed. Answers come only from the news articles listed below, and every statement carries a numbered marker that opens the exact quoted passage. When the articles do not answer a question, the service says so.</p>
<p class="examples">Try: ${EXAMPLE_QUESTIONS.map((question) => `<button type="button" data-question="${escapeHtml(question)}">${escapeHtml(question)}</button>`).join(' ')}</p>
<p class="examples">Check a claim: ${EXAMPLE_CLAIMS.map((claim) => `<button type="button" data-claim="${escapeHtml(claim)}">${escapeHtml(claim)}</button>`).join(' ')}</p>
<h2>The articles</h2>
${articles.length ? `<ul class="articles">${list}</ul>` : `<p class="notice">${escapeHtml(state.problem ?? 'The article index is still loading.')}</p>`}
<p class="meta">Embed the assistant on any page: <code>&lt;script src="https://HOST/widget.js" data-endpoint="https://HOST" async&gt;&lt;/script&gt;</code>. API description: <a href="/api/openapi.json">/api/openapi.json</a>.</p>`;
  return page("Japan's defence export rules: questions and answers", body, '<script src="/widget.js" data-open="true" async></script>\n<script src="/demo.js" defer></script>', 'with-widget');
}

export function mountSite(app: Express, options: SiteOptions): void {
  const widget = loadWidget();
  widget.catch((error: unknown) => options.logger?.error({ event: 'widget_build_failed', err: error }, 'The widget could not be built.'));

  app.get('/widget.js', async (request: Request, response: Response) => {
    const bundle = await widget;
    // Any site may embed the script; short caching with revalidation lets deployments roll out.
    response.set({
      'Content-Type': 'application/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300, must-revalidate',
      ETag: bundle.etag,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    if (request.headers['if-none-match'] === bundle.etag) {
      response.status(304).end();
      return;
    }
    response.send(bundle.code);
  });

  app.get('/demo.js', (_request, response) => {
    response.set({ 'Content-Type': 'application/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }).send(DEMO_SCRIPT);
  });

  app.get('/', async (_request, response) => {
    sendPage(response, 200, await demoPage(options.state()));
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
