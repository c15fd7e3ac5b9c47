// The /check page: paste a draft or drop a file, and see every sentence underlined by its verdict.
// The page is static HTML; widget/check-page.ts (served as /check.js) calls the API and renders.
import type { Express, Request, Response } from 'express';
import { LIMITS } from '../config.js';
import { byteSize, DOCUMENT_TYPES } from '../corpus/read-document.js';
import { sendPage } from './article-view.js';
import { page } from './html.js';
import type { EventLog } from './logging.js';
import { loadScript, sendScript } from './script-bundle.js';

// Each verdict has a colour and a cue that does not need colour: the underline's style and an
// icon. Text stays dark on a light tint, so every pair passes WCAG AA contrast.
const CHECK_STYLE = `
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.check-form { font-family: system-ui, sans-serif; }
.check-form label { font-weight: 600; display: block; margin: .8rem 0 .3rem; }
.check-form textarea { width: 100%; min-height: 10rem; font: inherit; font-family: Georgia, serif; font-size: 1rem; padding: .5rem; border: 1px solid #6b7280; border-radius: 6px; box-sizing: border-box; }
.drop-zone { margin-top: .8rem; padding: .9rem; border: 2px dashed #6b7280; border-radius: 8px; background: #f9fafb; }
.drop-zone.dragging { border-color: #1d4ed8; background: #eff6ff; }
.drop-zone p { margin: 0 0 .4rem; }
.drop-zone .file-choice { font-weight: 400; display: inline; margin: 0; }
.chosen-file { font-weight: 600; }
.actions { margin-top: .8rem; display: flex; gap: .6rem; flex-wrap: wrap; }
.check-form button, .exports button, .chosen button { font: inherit; font-family: system-ui, sans-serif; padding: .45rem 1rem; border-radius: 6px; border: 1px solid #1d4ed8; cursor: pointer; }
.check-form button[type="submit"] { background: #1d4ed8; color: #fff; }
.check-form button.secondary, .exports button, .chosen button { background: #fff; color: #1d4ed8; }
button:focus-visible, textarea:focus-visible, input:focus-visible, a:focus-visible, .sentence:focus-visible, .details:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
.status { font-family: system-ui, sans-serif; min-height: 1.5em; }
.summary { font-family: system-ui, sans-serif; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
.checked-text { white-space: pre-wrap; font-size: 1.05rem; line-height: 1.9; border: 1px solid #d1d5db; border-radius: 8px; padding: .8rem 1rem; }
.sentence { cursor: pointer; border-radius: 3px; text-decoration-thickness: 2px; text-underline-offset: 4px; padding: .1em 0; }
.sentence .icon { font-family: system-ui, sans-serif; font-weight: 700; font-size: .8em; margin-right: .15em; }
.sentence.supported { background: #dcfce7; text-decoration-line: underline; text-decoration-style: solid; text-decoration-color: #15803d; }
.sentence.supported .icon { color: #166534; }
.sentence.refuted { background: #fee2e2; text-decoration-line: underline; text-decoration-style: wavy; text-decoration-color: #b91c1c; }
.sentence.refuted .icon { color: #991b1b; }
.sentence.not_enough_info { background: #fef3c7; text-decoration-line: underline; text-decoration-style: dotted; text-decoration-color: #92400e; }
.sentence.not_enough_info .icon { color: #92400e; }
.sentence.skipped { color: #4b5563; }
.legend .sentence { cursor: default; }
.sentence[aria-expanded="true"] { box-shadow: 0 0 0 2px #1f2937; }
.details { font-family: system-ui, sans-serif; margin-top: 1rem; padding: .8rem 1rem; border-left: 4px solid #4b5563; background: #f9fafb; }
.details h3 { margin: 0 0 .4rem; font-size: 1.05rem; }
.details blockquote { font-family: Georgia, serif; margin: .3rem 0; padding-left: .8rem; border-left: 3px solid #d1d5db; }
.details ol { padding-left: 1.2rem; }
.details li { margin-bottom: .6rem; }
.exports { font-family: system-ui, sans-serif; }
`;

function checkPage(): string {
  const types = DOCUMENT_TYPES.join(', ');
  const body = `
<header>
  <p><a href="/">Japan's defence export rules: questions and answers</a></p>
  <h1>Check a draft against the articles</h1>
</header>
<main>
<p>Paste a paragraph or upload a file. Every sentence that states a fact is checked against the news articles and underlined by its verdict; questions, headings and opinions are skipped, with the reason. Select a sentence (click it, or Tab to it and press Enter) to see why, with the quotes that decide it.</p>
<form class="check-form" id="check-form" novalidate>
  <label for="draft">Text to check</label>
  <textarea id="draft" name="text" aria-describedby="draft-hint"></textarea>
  <p class="meta" id="draft-hint">Up to ${LIMITS.maxDocumentChars.toLocaleString('en')} characters and ${LIMITS.maxDocumentSentences} checked sentences per check.</p>
  <div class="drop-zone" id="drop-zone">
    <p>Or drop a file here (${types}; a PDF up to ${byteSize(LIMITS.maxUploadBytes)} and ${LIMITS.maxUploadPdfPages} pages, other files up to ${byteSize(LIMITS.maxUploadTextBytes)}).</p>
    <label class="file-choice" for="file">Choose a file:</label>
    <input type="file" id="file" accept="${DOCUMENT_TYPES.join(',')}">
    <p class="chosen" id="chosen" hidden><span class="chosen-file" id="chosen-file"></span> will be checked instead of the text. <button type="button" id="clear-file">Remove the file</button></p>
  </div>
  <div class="actions">
    <button type="submit" id="submit">Check every sentence</button>
  </div>
</form>
<p class="status" id="status" role="status" aria-live="polite"></p>
<section id="results" hidden aria-labelledby="results-heading">
  <h2 id="results-heading">Result</h2>
  <p class="summary" id="summary"></p>
  <ul class="legend" aria-label="What the underlines mean">
    <li><span class="sentence supported"><span class="icon" aria-hidden="true">✓</span>solid underline</span>: supported by the articles</li>
    <li><span class="sentence refuted"><span class="icon" aria-hidden="true">✗</span>wavy underline</span>: contradicted by the articles</li>
    <li><span class="sentence not_enough_info"><span class="icon" aria-hidden="true">?</span>dotted underline</span>: the articles do not settle it</li>
    <li><span class="sentence skipped"><span class="icon" aria-hidden="true">–</span>grey, no underline</span>: not checked</li>
  </ul>
  <div class="checked-text" id="checked-text" aria-label="The checked text; each sentence is a button"></div>
  <section class="details" id="details" tabindex="-1" aria-live="polite" aria-labelledby="details-heading">
    <h3 id="details-heading">Select a sentence to see its verdict and quotes.</h3>
  </section>
  <p class="exports" id="exports">Download the audit record (checks the text shown above again): <button type="button" data-format="md">Markdown</button> <button type="button" data-format="csv">CSV</button> <button type="button" data-format="json">JSON</button></p>
</section>
</main>`;
  return page('Check a draft: Japan\'s defence export rules', body, '<link rel="stylesheet" href="/check.css">\n<script src="/check.js" defer></script>');
}

export interface CheckPageOptions {
  /** Where a failed script build is reported at start-up. */
  logger?: EventLog;
}

export function mountCheckPage(app: Express, options: CheckPageOptions): void {
  const script = loadScript('check-page');
  script.catch((error: unknown) => options.logger?.error({ event: 'script_build_failed', err: error }, 'The check page script could not be built.'));

  app.get('/check', (_request, response) => {
    sendPage(response, 200, checkPage());
  });
  app.get('/check.css', (_request, response) => {
    response.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }).send(CHECK_STYLE);
  });
  app.get('/check.js', async (request: Request, response: Response) => {
    sendScript(request, response, await script);
  });
}
