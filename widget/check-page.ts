// The /check page in the browser: sends the pasted text or the chosen file to
// POST /api/factcheck/document and shows the text with every sentence marked by its verdict.
// Everything from the server is rendered as text; links are built only from http(s) URLs.
import type { AuditedCitation } from '../src/factcheck/audit-trail.js';
import type { DocumentSummary, SkipReason } from '../src/factcheck/document-check.js';
import type { VerdictLabel } from '../src/factcheck/verdict.js';
import type { RelatedPassage } from '../src/types.js';
import { viewerPath, type QuoteLocation } from '../src/viewer-path.js';
import { el } from './dom.js';

interface SentenceResult {
  start: number;
  end: number;
  text: string;
  status: 'checked' | 'skipped';
  reason?: SkipReason;
  explanation?: string;
  result?: { verdict: VerdictLabel; explanation: string; citations: AuditedCitation[]; related?: RelatedPassage[]; notice?: string };
}

interface DocumentResult {
  text: string;
  sentences: SentenceResult[];
  summary: DocumentSummary;
}

type Look = VerdictLabel | 'skipped';

const LOOKS: Record<Look, { icon: string; label: string }> = {
  supported: { icon: '✓', label: 'Supported by the articles' },
  refuted: { icon: '✗', label: 'Contradicted by the articles' },
  not_enough_info: { icon: '?', label: 'The articles do not settle this' },
  skipped: { icon: '–', label: 'Not checked' },
};

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

const form = byId<HTMLFormElement>('check-form');
const draft = byId<HTMLTextAreaElement>('draft');
const fileInput = byId<HTMLInputElement>('file');
const dropZone = byId<HTMLElement>('drop-zone');
const chosen = byId<HTMLElement>('chosen');
const chosenName = byId<HTMLElement>('chosen-file');
const submit = byId<HTMLButtonElement>('submit');
const status = byId<HTMLElement>('status');
const results = byId<HTMLElement>('results');
const summary = byId<HTMLElement>('summary');
const checkedText = byId<HTMLElement>('checked-text');
const details = byId<HTMLElement>('details');

let file: File | undefined;
let selected: HTMLElement | undefined;

function chooseFile(next: File | undefined): void {
  file = next;
  chosen.hidden = !next;
  chosenName.textContent = next ? `${next.name} (${Math.ceil(next.size / 1024)} KB)` : '';
  if (!next) fileInput.value = '';
}

fileInput.addEventListener('change', () => chooseFile(fileInput.files?.[0]));
byId<HTMLButtonElement>('clear-file').addEventListener('click', () => {
  chooseFile(undefined);
  fileInput.focus();
});
dropZone.addEventListener('dragover', (event) => {
  event.preventDefault();
  dropZone.classList.add('dragging');
});
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropZone.classList.remove('dragging');
  const dropped = event.dataTransfer?.files[0];
  if (dropped) chooseFile(dropped);
});

/** What one check was asked about: the file, or else the text, as they were when it was submitted. */
type Submission = { file: File } | { text: string };

/** The last submission that was checked: exports describe it, whatever the form holds by then. */
let checked: Submission | undefined;

/** The request for a submission; `format` asks for an export instead of the JSON result. */
function request(submission: Submission, format?: string): Promise<Response> {
  const url = `/api/factcheck/document${format ? `?format=${format}` : ''}`;
  if ('file' in submission) {
    const body = new FormData();
    body.append('file', submission.file, submission.file.name);
    return fetch(url, { method: 'POST', body });
  }
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: submission.text }) });
}

async function errorMessage(response: Response): Promise<string> {
  if (response.status === 429) return 'Too many checks right now. Please wait a minute and try again.';
  if (response.status === 503) return 'The service is still starting up. Please try again in a few seconds.';
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Fall through to the generic message.
  }
  return response.status >= 500 ? 'The service had a problem checking the text. Please try again.' : 'The text could not be checked.';
}

function lookOf(sentence: SentenceResult): Look {
  return sentence.status === 'checked' && sentence.result ? sentence.result.verdict : 'skipped';
}

function sentenceElement(sentence: SentenceResult, index: number): HTMLElement {
  const look = LOOKS[lookOf(sentence)];
  const element = el(
    'span',
    { class: `sentence ${lookOf(sentence)}`, role: 'button', tabindex: '0', 'aria-expanded': 'false', 'aria-controls': 'details', 'data-index': String(index) },
    el('span', { class: 'icon', 'aria-hidden': 'true' }, look.icon),
    sentence.text,
    el('span', { class: 'visually-hidden' }, ` (${look.label})`),
  );
  element.addEventListener('click', () => select(element, sentence));
  element.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    select(element, sentence);
    details.focus();
  });
  return element;
}

/** The viewer on this page's own server, opened at the quote (citations and related passages alike). */
function viewerLink(quote: QuoteLocation, text: string): HTMLElement {
  return el('a', { href: viewerPath(quote, { anchor: true }), class: 'open-article' }, text);
}

function describeSource(citation: { title: string; publisher?: string; published?: string }): string {
  return [citation.title, citation.publisher, citation.published ?? 'date unknown'].filter(Boolean).join(' · ');
}

function select(element: HTMLElement, sentence: SentenceResult): void {
  selected?.setAttribute('aria-expanded', 'false');
  selected = element;
  element.setAttribute('aria-expanded', 'true');
  const look = LOOKS[lookOf(sentence)];
  const nodes: Node[] = [el('h3', { id: 'details-heading' }, `${look.icon} ${look.label}`), el('p', {}, el('strong', {}, 'Sentence: '), sentence.text)];
  if (sentence.status === 'skipped' || !sentence.result) {
    nodes.push(el('p', { class: 'explanation' }, sentence.explanation ?? ''));
  } else {
    const result = sentence.result;
    nodes.push(el('p', { class: 'explanation' }, result.explanation));
    if (result.notice) nodes.push(el('p', { class: 'notice' }, result.notice));
    if (result.citations.length > 0) {
      nodes.push(
        el('h4', {}, 'Quotes'),
        el(
          'ol',
          { class: 'quotes' },
          ...result.citations.map((citation) =>
            el('li', { value: String(citation.n) }, el('blockquote', {}, citation.quote), el('p', { class: 'meta' }, `[${citation.n}] ${describeSource(citation)} · `, viewerLink(citation, 'Open in the article viewer'))),
          ),
        ),
      );
    }
    if (result.related?.length) {
      nodes.push(
        el('h4', {}, 'Closest passages (they do not settle it)'),
        el('ul', { class: 'related' }, ...result.related.map((passage) => el('li', {}, el('blockquote', {}, passage.quote), el('p', { class: 'meta' }, `${describeSource(passage)} · `, viewerLink(passage, 'Open in the article viewer'))))),
      );
    }
  }
  details.replaceChildren(...nodes);
}

function render(document: DocumentResult): void {
  const nodes: Node[] = [];
  let cursor = 0;
  document.sentences.forEach((sentence, index) => {
    if (sentence.start > cursor) nodes.push(window.document.createTextNode(document.text.slice(cursor, sentence.start)));
    nodes.push(sentenceElement(sentence, index));
    cursor = sentence.end;
  });
  if (cursor < document.text.length) nodes.push(window.document.createTextNode(document.text.slice(cursor)));
  checkedText.replaceChildren(...nodes);
  const counts = document.summary;
  summary.textContent = `${counts.sentences} sentences: ${counts.supported} supported, ${counts.refuted} contradicted, ${counts.not_enough_info} not settled by the articles, ${counts.skipped} not checked.`;
  details.replaceChildren(el('h3', { id: 'details-heading' }, 'Select a sentence to see its verdict and quotes.'));
  selected = undefined;
  results.hidden = false;
}

/** A status line; problems are styled as errors, so they do not read like progress. */
function report(message: string, problem = false): void {
  status.textContent = message;
  status.classList.toggle('error', problem);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!file && draft.value.trim() === '') {
    report('Paste some text or choose a file first.', true);
    draft.focus();
    return;
  }
  submit.disabled = true;
  // A previous result must not be mistaken for this one's.
  results.hidden = true;
  checked = undefined;
  const submission: Submission = file ? { file } : { text: draft.value };
  report(file ? `Checking ${file.name}…` : 'Checking…');
  try {
    const response = await request(submission);
    if (!response.ok) {
      report(await errorMessage(response), true);
      return;
    }
    const result = (await response.json()) as DocumentResult;
    render(result);
    checked = submission;
    // Said to screen readers through the live status; the counts are shown once, in the result.
    report(`Checked ${result.sentences.length} sentences; the result follows.`);
  } catch {
    report('The service could not be reached. Check your connection and try again.', true);
  } finally {
    submit.disabled = false;
  }
});

const exportButtons = byId<HTMLElement>('exports');

exportButtons.addEventListener('click', async (event) => {
  const button = (event.target as HTMLElement).closest('button[data-format]') as HTMLButtonElement | null;
  if (!button || !checked) return;
  const format = button.dataset.format!;
  const buttons = [...exportButtons.querySelectorAll('button')];
  // One download at a time: each one checks the text again on the server.
  for (const each of buttons) each.disabled = true;
  report(`Preparing the ${button.textContent} audit record…`);
  try {
    const response = await request(checked, format).catch(() => undefined);
    if (!response?.ok) {
      report(response ? await errorMessage(response) : 'The service could not be reached.', true);
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `factcheck.${format}`;
    const link = el('a', { href: URL.createObjectURL(await response.blob()), download: name });
    link.click();
    URL.revokeObjectURL(link.href);
    report(`Downloaded ${name}.`);
  } finally {
    for (const each of buttons) each.disabled = false;
  }
});

// Escape in the details returns to the sentence it explains.
details.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && selected) selected.focus();
});
