// The embeddable chat widget. One script tag adds a launcher and a chat panel inside a shadow
// root, so the page's CSS cannot reach in and ours cannot leak out. Everything from the server
// is rendered as text; links are built only from http(s) URLs.
import type { Verdict } from '../src/factcheck/verdict.js';
import { takeEvents } from '../src/sse-events.js';
import { viewerPath, type QuoteLocation } from '../src/viewer-path.js';
import type { Examples } from '../src/server/examples.js';
import type { Answer, Citation, RelatedPassage } from '../src/types.js';
import { STYLES } from './styles.js';
import { el, httpUrl } from './dom.js';

interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

interface Options {
  endpoint: string;
  title: string;
  placeholder: string;
  open: boolean;
  accent?: string;
}

const NAMESPACE = 'ExportRulesQA';
const MAX_HISTORY_TURNS = 10;
/** Examples shown in the greeting; the server may list more. */
const GREETING_EXAMPLES = 3;
/** Matches the styles' phone layout, where the open panel covers the whole page. */
const PHONE_SCREEN = '(max-width: 480px)';
/** Space kept between the popover and the edges of the conversation. */
const POPOVER_MARGIN = 8;

const GREETINGS = {
  ask: "Ask a question about Japan's defence-equipment export rules. Answers come only from the stored news articles, and each [n] opens the quoted passage.",
  check: 'Paste a claim to check it against the stored news articles: you get a verdict and the quotes that decide it.',
} as const;
const VERDICT_LABELS = { supported: 'Supported', refuted: 'Contradicted', not_enough_info: 'Not settled' } as const;

class FriendlyError extends Error {}

function readOptions(script: HTMLScriptElement | null): Options {
  const data = script?.dataset ?? {};
  const scriptOrigin = script?.src ? new URL(script.src, window.location.href).origin : window.location.origin;
  const endpoint = (httpUrl(data.endpoint) ?? scriptOrigin).replace(/\/+$/, '');
  const accent = data.accent && CSS.supports('color', data.accent) ? data.accent : undefined;
  return {
    endpoint,
    title: data.title || "Japan's defence export rules",
    placeholder: data.placeholder || 'Ask about the export rules…',
    open: data.open === 'true' || data.open === '',
    accent,
  };
}

function viewerLink(endpoint: string, source: QuoteLocation): string {
  return endpoint + viewerPath(source, { anchor: true });
}

/** Reads a Server-Sent Events body, calling onEvent for each complete event. */
async function readEvents(response: Response, onEvent: (event: string, data: unknown) => void): Promise<void> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const { events, rest } = takeEvents(buffer + value);
    buffer = rest;
    for (const { event, data } of events) onEvent(event, data);
  }
}

async function errorMessage(response: Response): Promise<string> {
  if (response.status === 429) return 'Too many questions right now. Please wait a moment and try again.';
  if (response.status >= 500) {
    if (response.status === 503) return 'The service is still starting up. Please try again in a few seconds.';
    return 'The service had a problem answering. Please try again.';
  }
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Fall through to the generic message.
  }
  return 'That request could not be answered. Please rephrase it.';
}

class Widget {
  private readonly options: Options;
  private readonly root: ShadowRoot;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly log: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly modeButtons: Record<'ask' | 'check', HTMLButtonElement>;
  private mode: 'ask' | 'check' = 'ask';
  private history: Turn[] = [];
  private controller?: AbortController;
  private popover?: { element: HTMLElement; anchor: HTMLElement };
  private readonly greeting: HTMLElement;
  private examples?: Promise<Examples>;

  constructor(options: Options) {
    this.options = options;
    // A labelled landmark of its own, so the launcher and panel are not loose content on the page.
    const host = el('aside', { 'data-export-rules-qa': '', 'aria-label': options.title });
    this.root = host.attachShadow({ mode: 'open' });
    const style = el('style', {}, STYLES);
    if (options.accent) host.style.setProperty('--accent', options.accent);

    this.launcher = el('button', { class: 'launcher', type: 'button', 'aria-label': `Open chat: ${options.title}`, 'aria-expanded': 'false' }, '?');
    const titleId = 'erqa-title';
    // On a phone the panel covers the page, so the way back is spelled out there.
    const close = el('button', { class: 'close', type: 'button', 'aria-label': 'Close chat' }, el('span', { 'aria-hidden': 'true' }, '×'), el('span', { class: 'close-text' }, 'Close'));
    this.modeButtons = {
      ask: el('button', { type: 'button', class: 'mode', 'aria-pressed': 'true' }, 'Ask a question'),
      check: el('button', { type: 'button', class: 'mode', 'aria-pressed': 'false' }, 'Check a claim'),
    };
    this.log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
    this.greeting = el('div', { class: 'greeting' });
    this.log.append(this.greeting);
    this.input = el('textarea', { class: 'input', rows: '2', 'aria-label': 'Your question', placeholder: options.placeholder, maxlength: '2000' });
    this.sendButton = el('button', { class: 'send', type: 'submit' }, 'Send');
    this.stopButton = el('button', { class: 'stop', type: 'button', hidden: '' }, 'Stop');
    const form = el('form', { class: 'composer' }, this.input, this.sendButton, this.stopButton);
    this.panel = el(
      'section',
      { class: 'panel', role: 'dialog', 'aria-labelledby': titleId, hidden: '' },
      el('div', { class: 'header' }, el('h2', { id: titleId }, options.title), close),
      el('div', { class: 'modes', role: 'group', 'aria-label': 'Mode' }, this.modeButtons.ask, this.modeButtons.check),
      this.log,
      form,
      el('p', { class: 'footnote' }, 'Answers quote news articles; every [n] links to its source.'),
    );
    this.root.append(style, this.launcher, this.panel);
    document.body.append(host);

    this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
    close.addEventListener('click', () => this.close());
    this.modeButtons.ask.addEventListener('click', () => this.setMode('ask'));
    this.modeButtons.check.addEventListener('click', () => this.setMode('check'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit(this.input.value);
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.submit(this.input.value);
      }
    });
    this.stopButton.addEventListener('click', () => this.controller?.abort());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      if (this.popover) this.closePopover(true);
      else this.close();
    });
    this.log.addEventListener('scroll', () => this.placePopover(), { passive: true });
    window.addEventListener('resize', () => this.placePopover(), { passive: true });
    void this.renderGreeting();
    // On a phone an open panel would hide the whole page the reader came for: it waits for a tap.
    if (options.open && !window.matchMedia(PHONE_SCREEN).matches) this.open();
  }

  open(): void {
    if (!this.examples) {
      this.examples = this.loadExamples();
      void this.examples.then(() => this.renderGreeting());
    }
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.input.focus();
  }

  close(): void {
    this.closePopover();
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  setMode(mode: 'ask' | 'check'): void {
    this.mode = mode;
    this.modeButtons.ask.setAttribute('aria-pressed', String(mode === 'ask'));
    this.modeButtons.check.setAttribute('aria-pressed', String(mode === 'check'));
    this.input.placeholder = mode === 'ask' ? this.options.placeholder : 'Paste a claim to check against the articles…';
    this.input.setAttribute('aria-label', mode === 'ask' ? 'Your question' : 'Claim to check');
    void this.renderGreeting();
  }

  /** The server's example questions and claims; none when it offers none or cannot be reached. */
  private async loadExamples(): Promise<Examples> {
    try {
      const response = await fetch(`${this.options.endpoint}/api/examples`, { headers: { accept: 'application/json' } });
      if (!response.ok) return { questions: [], claims: [] };
      const body = (await response.json()) as Partial<Examples>;
      const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
      return { questions: strings(body.questions), claims: strings(body.claims) };
    } catch {
      return { questions: [], claims: [] };
    }
  }

  /** What the widget does, for the current mode, with examples to click. */
  private async renderGreeting(): Promise<void> {
    const mode = this.mode;
    const examples = (await this.examples)?.[mode === 'ask' ? 'questions' : 'claims'] ?? [];
    if (mode !== this.mode) return; // switched again while the examples loaded
    const children: Node[] = [el('p', {}, GREETINGS[mode])];
    if (examples.length > 0) {
      const list = el('ul', { class: 'examples', 'aria-label': mode === 'ask' ? 'Example questions' : 'Example claims' });
      for (const example of examples.slice(0, GREETING_EXAMPLES)) {
        const button = el('button', { type: 'button', class: 'example' }, example);
        button.addEventListener('click', () => void this.submit(example));
        list.append(el('li', {}, button));
      }
      children.push(el('p', { class: 'examples-label' }, mode === 'ask' ? 'For example:' : 'For example, check:'), list);
    }
    this.greeting.replaceChildren(...children);
  }

  async submit(text: string): Promise<void> {
    const question = text.trim();
    if (!question || this.controller) return;
    this.open();
    this.input.value = '';
    this.closePopover();
    const asked = el('div', { class: 'message user' }, question);
    this.log.append(asked);
    const reply = el('div', { class: 'message assistant', 'aria-busy': 'true' });
    const thinking = el('p', { class: 'thinking' }, this.mode === 'ask' ? 'Searching the articles' : 'Checking the claim');
    reply.append(thinking);
    this.log.append(reply);
    const follow = () => this.keepInView(asked, reply);
    follow();
    this.controller = new AbortController();
    this.sendButton.hidden = true;
    this.stopButton.hidden = false;
    try {
      if (this.mode === 'ask') await this.ask(question, reply, thinking, this.controller.signal, follow);
      else await this.check(question, reply, this.controller.signal);
    } catch (error) {
      reply.replaceChildren();
      if ((error as Error).name === 'AbortError') reply.append(el('p', { class: 'stopped' }, 'Stopped.'));
      else {
        const message = error instanceof FriendlyError ? error.message : 'Cannot reach the service right now. Check your connection and try again.';
        reply.append(el('p', { class: 'error', role: 'alert' }, message));
      }
    } finally {
      reply.removeAttribute('aria-busy');
      this.controller = undefined;
      this.sendButton.hidden = false;
      this.stopButton.hidden = true;
      follow();
    }
  }

  private async ask(question: string, reply: HTMLElement, thinking: HTMLElement, signal: AbortSignal, follow: () => void): Promise<void> {
    const response = await fetch(`${this.options.endpoint}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ question, history: this.history.slice(-MAX_HISTORY_TURNS) }),
      signal,
    });
    if (!response.ok) throw new FriendlyError(await errorMessage(response));
    const streamed = el('p', { class: 'answer streaming' });
    let final: Answer | undefined;
    await readEvents(response, (event, data) => {
      if (event === 'token') {
        if (thinking.isConnected) thinking.replaceWith(streamed);
        streamed.append(document.createTextNode((data as { text: string }).text));
        follow();
      } else if (event === 'done') final = data as Answer;
      else if (event === 'error') throw new FriendlyError((data as { error?: { message?: string } }).error?.message ?? 'The service had a problem answering.');
    });
    if (!final) throw new FriendlyError('The answer was cut off. Please try again.');
    reply.replaceChildren(...this.renderAnswer(final));
    this.history.push({ role: 'user', content: question }, { role: 'assistant', content: final.answer });
  }

  private async check(claim: string, reply: HTMLElement, signal: AbortSignal): Promise<void> {
    const response = await fetch(`${this.options.endpoint}/api/factcheck`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim }),
      signal,
    });
    if (!response.ok) throw new FriendlyError(await errorMessage(response));
    const verdict = (await response.json()) as Verdict;
    // The explanation opens with the verdict ("Refuted: ..."); the badge says it, so it is not said twice.
    const explanation = verdict.explanation.replace(/^(?:supported|refuted|not enough information)\s*:\s*/i, '');
    reply.replaceChildren(
      el('p', { class: `verdict ${verdict.verdict}` }, VERDICT_LABELS[verdict.verdict] ?? verdict.verdict),
      ...this.renderCited(explanation.charAt(0).toUpperCase() + explanation.slice(1), verdict.citations),
      ...this.renderRelated(verdict.related),
    );
  }

  private renderAnswer(answer: Answer): Node[] {
    const nodes: Node[] = [];
    if (answer.refused) nodes.push(el('p', { class: 'answer refused' }, answer.answer));
    else nodes.push(...this.renderCited(answer.answer, answer.citations));
    if (answer.notice) nodes.push(el('p', { class: 'notice' }, answer.notice));
    nodes.push(...this.renderRelated(answer.related));
    return nodes;
  }

  /** Text with each [n] turned into a button that opens its source; then the source list. */
  private renderCited(text: string, citations: Citation[]): Node[] {
    const byNumber = new Map(citations.map((citation) => [citation.n, citation]));
    const paragraph = el('p', { class: 'answer' });
    let cursor = 0;
    for (const match of text.matchAll(/\[(\d+)\]/g)) {
      paragraph.append(document.createTextNode(text.slice(cursor, match.index)));
      const citation = byNumber.get(Number(match[1]));
      if (citation) {
        const marker = el('button', { type: 'button', class: 'marker', 'aria-label': `Source ${citation.n}: ${citation.title}`, 'aria-haspopup': 'dialog', 'aria-expanded': 'false' }, `[${citation.n}]`);
        marker.addEventListener('click', () => this.showPopover(marker, citation));
        paragraph.append(marker);
      } else paragraph.append(document.createTextNode(match[0]));
      cursor = match.index + match[0].length;
    }
    paragraph.append(document.createTextNode(text.slice(cursor)));
    if (citations.length === 0) return [paragraph];
    const list = el('ol', { class: 'sources', 'aria-label': 'Sources' });
    for (const citation of citations) {
      list.append(
        el(
          'li',
          { value: String(citation.n) },
          el('span', { class: 'source-title' }, citation.title),
          el('span', { class: 'source-meta' }, [citation.publisher, citation.published].filter(Boolean).join(' · ')),
          el('q', { class: 'quote' }, citation.quote),
          el('a', { href: viewerLink(this.options.endpoint, citation), target: '_blank', rel: 'noopener noreferrer', class: 'open-article' }, 'Open in article'),
        ),
      );
    }
    return [paragraph, el('p', { class: 'sources-heading' }, 'Sources'), list];
  }

  private renderRelated(related: RelatedPassage[] | undefined): Node[] {
    if (!related?.length) return [];
    const list = el('ul', { class: 'related', 'aria-label': 'Closest passages' });
    for (const passage of related) {
      list.append(
        el(
          'li',
          {},
          el('span', { class: 'source-title' }, passage.title + (passage.published ? ` (${passage.published})` : '')),
          el('q', { class: 'quote' }, passage.quote),
          el('a', { href: viewerLink(this.options.endpoint, passage), target: '_blank', rel: 'noopener noreferrer', class: 'open-article' }, 'Open in article'),
        ),
      );
    }
    return [el('p', { class: 'sources-heading' }, 'Closest passages (not an answer)'), list];
  }

  private showPopover(anchor: HTMLElement, citation: Citation): void {
    this.closePopover();
    const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close source' }, '×');
    const original = httpUrl(citation.url);
    const popover = el(
      'div',
      { class: 'popover', role: 'dialog', 'aria-label': `Source ${citation.n}` },
      close,
      el('p', { class: 'source-title' }, citation.title),
      el('p', { class: 'source-meta' }, [citation.publisher, citation.published ? `published ${citation.published}` : undefined].filter(Boolean).join(' · ')),
      el('blockquote', { class: 'quote' }, citation.quote),
      el('a', { href: viewerLink(this.options.endpoint, citation), target: '_blank', rel: 'noopener noreferrer', class: 'open-article' }, 'Open in article'),
    );
    if (original) popover.append(el('a', { href: original, target: '_blank', rel: 'noopener noreferrer', class: 'original' }, 'Original source'));
    close.addEventListener('click', () => this.closePopover(true));
    // In the panel, not in the answer: placed over the conversation, it is never clipped by it.
    this.panel.append(popover);
    this.popover = { element: popover, anchor };
    anchor.setAttribute('aria-expanded', 'true');
    this.placePopover();
    close.focus();
  }

  /**
   * Puts the popover below its marker inside the visible part of the conversation, or above the
   * marker when there is more room there; it scrolls within itself when neither side has room.
   * A marker scrolled out of sight takes its popover with it.
   */
  private placePopover(): void {
    if (!this.popover) return;
    const { element, anchor } = this.popover;
    const area = this.log.getBoundingClientRect();
    const marker = anchor.getBoundingClientRect();
    if (marker.bottom < area.top || marker.top > area.bottom) {
      this.closePopover();
      return;
    }
    const panelTop = this.panel.getBoundingClientRect().top;
    const below = area.bottom - marker.bottom - POPOVER_MARGIN;
    const above = marker.top - area.top - POPOVER_MARGIN;
    element.style.maxHeight = 'none';
    const height = element.offsetHeight;
    const placeBelow = height <= below || below >= above;
    const room = Math.max(placeBelow ? below : above, 0);
    element.style.maxHeight = `${room}px`;
    const shown = Math.min(height, room);
    const top = placeBelow ? marker.bottom + 2 : marker.top - 2 - shown;
    element.style.top = `${top - panelTop}px`;
    element.dataset.side = placeBelow ? 'below' : 'above';
  }

  /** Closes the source popover; `refocus` returns focus to its marker (keyboard users). */
  private closePopover(refocus = false): void {
    if (!this.popover) return;
    const { element, anchor } = this.popover;
    this.popover = undefined;
    element.remove();
    anchor.setAttribute('aria-expanded', 'false');
    if (refocus) anchor.focus();
  }

  /**
   * Scrolls so the newest answer shows from its start (with the question above it when that
   * leaves room), or to the end when all of it fits: a long answer is read from the top, not
   * from its source list.
   */
  private keepInView(question: HTMLElement, reply: HTMLElement): void {
    const logTop = this.log.getBoundingClientRect().top;
    const offset = (element: HTMLElement) => element.getBoundingClientRect().top - logTop + this.log.scrollTop - POPOVER_MARGIN;
    const replyTop = offset(reply);
    const questionTop = offset(question);
    const target = replyTop - questionTop < this.log.clientHeight / 3 ? questionTop : replyTop;
    // The browser caps scrollTop at the end, so an answer that fits is shown to its end.
    this.log.scrollTop = target;
  }
}

declare global {
  interface Window {
    [NAMESPACE]?: { open(): void; close(): void; ask(question: string): Promise<void>; check(claim: string): Promise<void> };
  }
}

(function start() {
  if (window[NAMESPACE]) return; // Embedded twice: keep the first.
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
  const boot = () => {
    const widget = new Widget(readOptions(script));
    window[NAMESPACE] = {
      open: () => widget.open(),
      close: () => widget.close(),
      ask: (question) => {
        widget.setMode('ask');
        return widget.submit(question);
      },
      check: (claim) => {
        widget.setMode('check');
        return widget.submit(claim);
      },
    };
  };
  if (document.body) boot();
  else document.addEventListener('DOMContentLoaded', boot, { once: true });
})();
