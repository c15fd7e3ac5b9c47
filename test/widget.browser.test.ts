// The widget and the article viewer in real headless Chromium: a host page on one origin
// embeds the widget served by the API on another; the pages pass an axe-core audit.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaService } from '../src/qa-service.js';
import { createApp } from '../src/server/app.js';
import { loadExamples, type Examples } from '../src/server/examples.js';
import { buildWidget, mountSite } from '../src/server/site.js';
import type { Answer, Article, Citation } from '../src/types.js';
import { accessibilityViolations, launchChromium } from './browser.js';
import { articlesOf, listen, testService } from './helpers.js';

const SCREENSHOTS = 'test-results/screenshots';

let browser: Browser;
let service: QaService;
/** The served articles, read once the service is up. */
let articles: ReadonlyMap<string, Article>;
let examples: Examples;
let apiBase: string;

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

function hostPage(endpoint: string): string {
  // Hostile page CSS: if it reached into the widget, buttons would vanish and text turn red.
  return `<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"><style>
    * { color: red !important; font-family: "Comic Sans MS" !important; }
    button { display: none !important; }
    .panel, .launcher, .marker { display: none !important; }
    #own-button { display: inline-block !important; background: rgb(10, 20, 30); }
  </style></head><body>
    <h1>A news site</h1><p>Some page content.</p><button id="own-button">Page button</button>
    <script src="${endpoint}/widget.js" data-endpoint="${endpoint}" data-title="Export rules assistant" async></script>
  </body></html>`;
}

async function hostOn(endpoint: string): Promise<string> {
  const app = express();
  app.get('/', (_request, response) => {
    response.type('html').send(hostPage(endpoint));
  });
  return listen(app);
}

/** A stand-in API on its own origin that serves the real widget; tests add the answers. */
function fakeApi(): express.Express {
  const fake = express();
  fake.use((request, response, next) => {
    response.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? '*');
    response.setHeader('Access-Control-Allow-Headers', 'content-type, accept');
    if (request.method === 'OPTIONS') response.status(204).end();
    else next();
  });
  fake.get('/widget.js', async (_request, response) => {
    response.type('js').send((await buildWidget()).code);
  });
  return fake;
}

async function openWidget(page: Page, hostUrl: string): Promise<void> {
  await page.goto(hostUrl);
  await page.locator('.launcher').click();
  await expect.poll(() => page.locator('.panel').isVisible()).toBe(true);
}

async function askInWidget(page: Page, question: string): Promise<void> {
  await page.locator('textarea.input').fill(question);
  await page.locator('textarea.input').press('Enter');
}

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  ({ service } = await testService());
  articles = await articlesOf(service);
  examples = await loadExamples(resolve('examples.yaml'));
  apiBase = await listen(createApp({ state: () => ({ service }), corsOrigins: [], examples, extraRoutes: (app) => mountSite(app, { state: () => ({ service }), examples }) }));
});

afterAll(async () => {
  await browser?.close();
});

describe('the embedded widget', () => {
  it('asks from another origin, streams a cited answer, shows the quote and opens it highlighted', async () => {
    const host = await hostOn(apiBase);
    expect(new URL(host).origin).not.toBe(new URL(apiBase).origin);
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await openWidget(page, host);

    // Page CSS does not reach in, widget CSS does not leak out.
    expect(await page.locator('.launcher').evaluate((element) => getComputedStyle(element).display)).not.toBe('none');
    expect(await page.locator('.send').evaluate((element) => getComputedStyle(element).color)).toBe('rgb(255, 255, 255)');
    expect(await page.locator('.panel').evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/^system-ui/);
    expect(await page.locator('#own-button').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(10, 20, 30)');
    expect(await page.evaluate(() => Object.keys(window).filter((key) => key.startsWith('ExportRules')))).toEqual(['ExportRulesQA']);

    // Its first quote lies far down the longest article, so the viewer has to scroll to show it.
    const question = 'How did the US ambassador react to the new rules?';
    const tokens: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/api/ask')) tokens.push(response.status());
    });
    await askInWidget(page, question);
    const marker = page.locator('.assistant .marker').first();
    await marker.waitFor();
    expect(tokens).toEqual([200]);
    const expected = await service.ask({ question });
    expect(await page.locator('.assistant p.answer').first().textContent()).toBe(expected.answer);

    await marker.click();
    const popover = page.locator('.popover');
    await popover.waitFor();
    expect(await popover.locator('blockquote').textContent()).toBe(expected.citations[0]!.quote);
    expect(await popover.innerText()).toContain(expected.citations[0]!.title);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-answer-popover.png` });

    const [viewer] = await Promise.all([context.waitForEvent('page'), popover.locator('a.open-article').click()]);
    await viewer.waitForLoadState();
    const citation = expected.citations[0]!;
    const article = (await articlesOf(service)).get(citation.articleId)!;
    const highlighted = await viewer.locator('mark[data-quote="1"]').allTextContents();
    expect(highlighted.join('')).toBe(article.text.slice(citation.start, citation.end));
    expect(await viewer.locator('h1').innerText()).toBe(article.title);
    // Scrolled to the quote: it starts below the first screen, and after scrolling it is on screen.
    const quote = viewer.locator('#quote-1');
    expect(await quote.evaluate((element) => element.getBoundingClientRect().top + window.scrollY)).toBeGreaterThan(await viewer.evaluate(() => window.innerHeight));
    await expect.poll(() => viewer.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const quoteTop = await quote.evaluate((element) => element.getBoundingClientRect().top);
    expect(quoteTop).toBeGreaterThanOrEqual(0);
    expect(quoteTop).toBeLessThan(await viewer.evaluate(() => window.innerHeight));
    await viewer.screenshot({ path: `${SCREENSHOTS}/article-viewer-highlight.png`, fullPage: true });

    // Escape closes the panel and returns focus to the launcher.
    await page.locator('textarea.input').press('Escape'); // closes the popover first
    await page.locator('textarea.input').press('Escape');
    await expect.poll(() => page.locator('.panel').isVisible()).toBe(false);
    const launcher = page.locator('.launcher');
    expect(await launcher.evaluate((element) => (element.getRootNode() as ShadowRoot).activeElement === element)).toBe(true);
    await context.close();
  });

  it('sends the conversation as history for a follow-up question', async () => {
    const host = await hostOn(apiBase);
    const page = await browser.newPage();
    const bodies: any[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/ask')) bodies.push(JSON.parse(request.postData() ?? '{}'));
    });
    await openWidget(page, host);
    await askInWidget(page, 'Will Japan sell Patriot missiles to the United States?');
    await page.locator('.assistant .marker').first().waitFor();
    await askInWidget(page, 'Who welcomed that decision?');
    await expect.poll(() => page.locator('.assistant').nth(1).locator('.marker').count()).toBeGreaterThan(0);
    expect(bodies[1].history).toEqual([
      { role: 'user', content: 'Will Japan sell Patriot missiles to the United States?' },
      { role: 'assistant', content: expect.stringContaining('[1]') },
    ]);
    expect(await page.locator('.assistant').nth(1).innerText()).toContain('Jake Sullivan');
    await page.close();
  });

  it('renders server text as text: payloads in answers, titles and links do not execute', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const citation = { n: 1, articleId: 'evil', title: `Title ${payload}`, publisher: payload, url: 'javascript:window.__pwned=3', quote: `Quote ${payload}`, start: 0, end: 10 };
    const answer = { answer: `Answer ${payload} [1]`, refused: false, mode: 'extractive', citations: [citation] };
    const fake = fakeApi();
    fake.post('/api/ask', (_request, response) => {
      response.setHeader('Content-Type', 'text/event-stream');
      response.write(`event: token\ndata: ${JSON.stringify({ text: answer.answer })}\n\n`);
      response.write(`event: citations\ndata: ${JSON.stringify({ citations: [citation] })}\n\n`);
      response.end(`event: done\ndata: ${JSON.stringify(answer)}\n\n`);
    });
    const fakeBase = await listen(fake);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openWidget(page, await hostOn(fakeBase));
    await askInWidget(page, 'anything');
    await page.locator('.assistant .marker').first().click();
    await page.locator('.popover').waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('.assistant p.answer').innerText()).toContain('<img src=x onerror=');
    expect(await page.locator('.popover').innerText()).toContain('Title <img src=x');
    expect(await page.locator('.assistant img, .assistant script').count()).toBe(0);
    // The javascript: URL is not offered as a link; the viewer link is http.
    const hrefs = await page.locator('.assistant a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/articles\/evil\?/);
    await page.close();
  });

  it('stops a slow answer on request and shows rate limiting and client errors as short messages', async () => {
    let mode: 'slow' | 'limited' | 'invalid' = 'slow';
    const fake = fakeApi();
    fake.post('/api/ask', (_request, response) => {
      if (mode === 'limited') {
        response.status(429).json({ error: { code: 'rate_limited', message: 'slow down' } });
        return;
      }
      if (mode === 'invalid') {
        response.status(400).json({ error: { code: 'question_too_long', message: 'The question is 2400 characters long; the limit is 2000. Shorten it.' } });
        return;
      }
      response.setHeader('Content-Type', 'text/event-stream');
      response.write(`event: token\ndata: ${JSON.stringify({ text: 'Partial ' })}\n\n`);
      const timer = setTimeout(() => response.end(), 10_000);
      response.on('close', () => clearTimeout(timer));
    });
    const page = await browser.newPage();
    await openWidget(page, await hostOn(await listen(fake)));
    await askInWidget(page, 'slow question');
    await page.locator('.assistant .streaming').waitFor();
    expect(await page.locator('.stop').isVisible()).toBe(true);
    await page.locator('.stop').click();
    await page.locator('.assistant .stopped').waitFor();
    expect(await page.locator('.send').isVisible()).toBe(true);

    mode = 'limited';
    await askInWidget(page, 'again');
    await expect.poll(() => page.locator('.assistant .error').count()).toBe(1);
    expect(await page.locator('.assistant .error').innerText()).toMatch(/Too many questions/);

    mode = 'invalid';
    await askInWidget(page, 'too long');
    await expect.poll(() => page.locator('.assistant .error').count()).toBe(2);
    expect(await page.locator('.assistant .error').nth(1).innerText()).toMatch(/the limit is 2000/);
    await page.close();
  });

  it('shows an error while the server is down and works again when it is back', async () => {
    const app = createApp({ state: () => ({ service }), corsOrigins: [], extraRoutes: (routes) => mountSite(routes, { state: () => ({ service }) }) });
    let server: Server = createServer(app);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;
    const page = await browser.newPage();
    await openWidget(page, await hostOn(base));

    await new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
    await askInWidget(page, 'When are the new fighter jets expected to be deployed?');
    const error = page.locator('.assistant .error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/Cannot reach the service/);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-server-down.png` });

    server = createServer(app);
    await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
    await askInWidget(page, 'When are the new fighter jets expected to be deployed?');
    await expect.poll(() => page.locator('.assistant').nth(1).locator('.marker').count()).toBeGreaterThan(0);
    await page.close();
    await new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
  });

  it('shows refusals with the closest passages, and fits a phone screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 760 }, isMobile: true });
    const page = await context.newPage();
    await openWidget(page, await hostOn(apiBase));
    await askInWidget(page, 'How many frigates did Japan agree to sell to Brazil?');
    await page.locator('.assistant .refused').waitFor();
    expect(await page.locator('.assistant .related li').count()).toBeGreaterThan(0);
    // Said once: one sentence, and no notice repeating it.
    const refusal = await page.locator('.assistant .refused').innerText();
    expect(refusal.split(/(?<=[.!?])\s+/).filter(Boolean), refusal).toHaveLength(1);
    expect(await page.locator('.assistant .notice').count()).toBe(0);
    const box = (await page.locator('.panel').boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    expect(box.x).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-phone-refusal.png` });
    await context.close();
  });
});

describe('fact-checking in the widget', () => {
  it('checks a claim and shows the verdict with the deciding quote', async () => {
    const page = await browser.newPage();
    await openWidget(page, await hostOn(apiBase));
    await page.locator('.mode', { hasText: 'Check a claim' }).click();
    await askInWidget(page, 'Japan agreed to sell 20 frigates to Australia.');
    const verdict = page.locator('.assistant .verdict');
    await verdict.waitFor();
    expect(await verdict.innerText()).toMatch(/Contradicted/);
    expect(await page.locator('.assistant .sources q').first().textContent()).toContain('11 upgraded Mogami-class frigates');
    await page.screenshot({ path: `${SCREENSHOTS}/widget-fact-check.png` });

    // A claim the articles do not settle: the badge says so, the sentence explains, neither repeats the other.
    await askInWidget(page, 'Japan agreed to sell 20 frigates to Brazil.');
    const unsettled = page.locator('.assistant').nth(1);
    await unsettled.locator('.verdict').waitFor();
    expect(await unsettled.locator('.verdict').innerText()).toBe('Not settled');
    expect(await unsettled.locator('p.answer').innerText()).not.toMatch(/not enough information|do not settle/i);
    await page.close();
  });
});

describe('pages served by the server', () => {
  it('shows the demo page with the articles and the widget open', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(apiBase);
    expect(await page.locator('ul.articles li').count()).toBe(5);
    await expect.poll(() => page.locator('.panel').isVisible()).toBe(true);
    await page.locator('button[data-question]').first().click();
    await page.locator('.assistant .marker').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/demo-page.png` });
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('highlights several spans and explains bad ranges', async () => {
    const article = (await articlesOf(service)).get('patriot-missiles-to-us')!;
    const page = await browser.newPage();
    await page.goto(`${apiBase}/articles/patriot-missiles-to-us?start=0&end=20&start=100&end=150`);
    expect(await page.locator('mark[data-quote="1"]').allTextContents()).toEqual([article.text.slice(0, 20)]);
    expect(await page.locator('mark[data-quote="2"]').allTextContents()).toEqual([article.text.slice(100, 150)]);
    const bad = await page.goto(`${apiBase}/articles/patriot-missiles-to-us?start=50&end=999999`);
    expect(bad!.status()).toBe(400);
    expect(await page.locator('.error').innerText()).toContain(`end 999999 is past the end of the article (${article.text.length} characters)`);
    const missing = await page.goto(`${apiBase}/articles/no-such-article`);
    expect(missing!.status()).toBe(404);
    await page.close();
  });
});

/** A fake answer longer than the conversation area: four statements, each with a long source. */
function longAnswer(question: string): Answer {
  const citations: Citation[] = [1, 2, 3, 4].map((n) => ({
    n,
    articleId: `article-${n}`,
    title: `Article ${n} about the export rules`,
    publisher: 'Example Wire',
    published: '2026-04',
    quote: `Quoted sentence ${n} ${'that goes on for a while to fill the source list '.repeat(6)}`.trim(),
    start: 0,
    end: 10,
  }));
  const statements = citations.map(({ n }) => `Statement ${n} answering "${question}" ${'with enough words to wrap over several lines '.repeat(3)}[${n}]`);
  return { answer: statements.join(' '), refused: false, mode: 'extractive', citations };
}

/** A fake API answering every question with `answerFor` as an event stream, as the real one does. */
function streamingApi(answerFor: (question: string) => Answer): express.Express {
  const fake = fakeApi();
  fake.post('/api/ask', express.json(), (request, response) => {
    const answer = answerFor(String(request.body.question));
    response.setHeader('Content-Type', 'text/event-stream');
    response.write(`event: token\ndata: ${JSON.stringify({ text: answer.answer })}\n\n`);
    response.end(`event: done\ndata: ${JSON.stringify(answer)}\n\n`);
  });
  return fake;
}

type Box = { top: number; bottom: number; left: number; right: number };

function box(locator: Locator): Promise<Box> {
  return locator.evaluate((element) => {
    const { top, bottom, left, right } = element.getBoundingClientRect();
    return { top, bottom, left, right };
  });
}

function expectInside(inner: Box, outer: Box): void {
  expect(inner.top).toBeGreaterThanOrEqual(outer.top - 0.5);
  expect(inner.bottom).toBeLessThanOrEqual(outer.bottom + 0.5);
  expect(inner.left).toBeGreaterThanOrEqual(outer.left - 0.5);
  expect(inner.right).toBeLessThanOrEqual(outer.right + 0.5);
}

function expectAudited(violations: string[], where: string): void {
  expect(violations, `axe-core violations on ${where}:\n${violations.join('\n')}`).toEqual([]);
}

describe('reading answers in the widget', () => {
  it('keeps the start of the newest answer in view and opens each source inside the conversation, below or above its marker', async () => {
    const page = await browser.newPage({ viewport: LAPTOP });
    await openWidget(page, await hostOn(await listen(streamingApi(longAnswer))));
    await askInWidget(page, 'first question');
    await page.locator('.assistant .marker').first().waitFor();
    await askInWidget(page, 'second question');
    const newest = page.locator('.assistant').nth(1);
    await newest.locator('.marker').first().waitFor();

    const log = page.locator('.log');
    const area = await box(log);
    const answer = await box(newest.locator('p.answer'));
    // The answer with its sources is taller than the conversation, so scrolling to the end would hide its start.
    expect((await box(newest)).bottom).toBeGreaterThan(area.bottom);
    expect(await log.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    expect(answer.top).toBeGreaterThanOrEqual(area.top);
    expect(answer.top).toBeLessThan(area.top + 120);

    // The first marker, high in the view: the popover opens below it, inside the conversation.
    const first = newest.locator('p.answer .marker').first();
    await first.click();
    const popover = page.locator('.popover');
    await popover.waitFor();
    expect(await popover.getAttribute('data-side')).toBe('below');
    expectInside(await box(popover), area);
    expect((await box(popover)).top).toBeGreaterThanOrEqual((await box(first)).bottom);
    expect(await first.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await popover.count()).toBe(0);

    // The last marker at the bottom of the view: no room below, so the popover opens above it.
    const last = newest.locator('p.answer .marker').last();
    await last.evaluate((element) => element.scrollIntoView({ block: 'end' }));
    await last.click();
    await popover.waitFor();
    expect(await popover.getAttribute('data-side')).toBe('above');
    expectInside(await box(popover), area);
    expect((await box(popover)).bottom).toBeLessThanOrEqual((await box(last)).top);
    expect(await popover.locator('blockquote').textContent()).toBe(longAnswer('second question').citations[3]!.quote);
    await page.screenshot({ path: `${SCREENSHOTS}/widget-popover-above.png` });
    await page.close();
  });

  it('greets with the examples the server offers, for questions and for claims, and asks one when clicked', async () => {
    const offered: Examples = { questions: ['Offered question one?', 'Offered question two?', 'Offered question three?', 'Offered question four?'], claims: ['Offered claim.'] };
    const fake = streamingApi(longAnswer);
    const claims: string[] = [];
    fake.get('/api/examples', (_request, response) => {
      response.json(offered);
    });
    fake.post('/api/factcheck', express.json(), (request, response) => {
      claims.push(String(request.body.claim));
      response.json({ claim: request.body.claim, verdict: 'not_enough_info', explanation: 'Not enough information: no article states this.', citations: [], mode: 'extractive' });
    });
    const page = await browser.newPage({ viewport: LAPTOP });
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/ask')) asked.push(JSON.parse(request.postData() ?? '{}').question);
    });
    await openWidget(page, await hostOn(await listen(fake)));
    const greeting = page.locator('.greeting');
    expect(await greeting.locator('p').first().innerText()).toMatch(/Answers come only from the stored news articles/);
    await expect.poll(() => greeting.locator('.example').allInnerTexts()).toEqual(offered.questions.slice(0, 3));

    await page.locator('.mode', { hasText: 'Check a claim' }).click();
    await expect.poll(() => greeting.locator('.example').allInnerTexts()).toEqual(offered.claims);
    expect(await greeting.locator('p').first().innerText()).toMatch(/verdict/);
    await greeting.locator('.example').first().click();
    await page.locator('.assistant .verdict').waitFor();
    expect(claims).toEqual(['Offered claim.']);

    await page.locator('.mode', { hasText: 'Ask a question' }).click();
    await greeting.locator('.example', { hasText: 'Offered question two?' }).click();
    await page.locator('.assistant .marker').first().waitFor();
    expect(asked).toEqual(['Offered question two?']);
    await page.close();
  });

  it('on a phone: leaves the page readable, greets on first open, and the close button leads back', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(apiBase);
    const launcher = page.locator('.launcher');
    await launcher.waitFor();
    // data-open does not cover a phone's whole page before the reader asks for the chat.
    expect(await page.locator('.panel').isVisible()).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/phone-demo-page.png` });

    await launcher.tap();
    const panel = page.locator('.panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await box(panel)).toEqual({ top: 0, bottom: PHONE.viewport.height, left: 0, right: PHONE.viewport.width });
    const offered = page.locator('.greeting .example');
    await expect.poll(() => offered.allInnerTexts()).toEqual(examples.questions.slice(0, 3));
    for (const example of await offered.all()) expectInside(await box(example), { top: 0, bottom: PHONE.viewport.height, left: 0, right: PHONE.viewport.width });
    const close = page.locator('.header .close');
    const closeBox = (await close.boundingBox())!;
    expect(closeBox.height).toBeGreaterThanOrEqual(44);
    expect(closeBox.x + closeBox.width).toBeLessThanOrEqual(PHONE.viewport.width);
    expect(await close.innerText()).toMatch(/Close/);
    await page.screenshot({ path: `${SCREENSHOTS}/phone-greeting.png` });

    await offered.first().tap();
    await page.locator('.assistant .marker').first().waitFor();
    await page.locator('.assistant .marker').first().tap();
    await page.locator('.popover').waitFor();
    expectInside(await box(page.locator('.popover')), await box(page.locator('.log')));
    await page.screenshot({ path: `${SCREENSHOTS}/phone-answer-popover.png` });

    await close.tap();
    await expect.poll(() => panel.isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await launcher.evaluate((element) => (element.getRootNode() as ShadowRoot).activeElement === element)).toBe(true);
    await context.close();
  });
});

describe('the article viewer', () => {
  it('scrolls to the first highlight without a #quote fragment and lays the text out in paragraphs and headings', async () => {
    const article = articles.get('lethal-exports-17-countries')!;
    const start = article.text.indexOf('US ambassador to Japan George Glass');
    const end = article.text.indexOf('.', start) + 1;
    const page = await browser.newPage({ viewport: LAPTOP });
    await page.goto(`${apiBase}/articles/${article.id}?start=${start}&end=${end}`);
    const mark = page.locator('#quote-1');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const markBox = await box(mark);
    expect(markBox.top).toBeGreaterThanOrEqual(0);
    expect(markBox.bottom).toBeLessThanOrEqual(LAPTOP.height);
    expect((await page.locator('mark[data-quote="1"]').allTextContents()).join('')).toBe(article.text.slice(start, end));
    // Layout without moving an offset: the text is exactly the stored text.
    expect(await page.locator('.article-text').evaluate((element) => element.textContent)).toBe(article.text);
    expect(await page.locator('.article-text h2').count()).toBeGreaterThan(1);
    expect(await page.locator('.article-text p').count()).toBeGreaterThan(5);
    const [paragraph, heading] = await Promise.all([page.locator('.article-text p').first(), page.locator('.article-text h2').first()].map((locator) => locator.evaluate((element) => getComputedStyle(element))));
    expect(parseFloat((paragraph as CSSStyleDeclaration).marginBottom)).toBeGreaterThan(8);
    expect(parseFloat((heading as CSSStyleDeclaration).fontSize)).toBeGreaterThan(parseFloat((paragraph as CSSStyleDeclaration).fontSize));
    await page.screenshot({ path: `${SCREENSHOTS}/viewer-laptop.png` });
    await page.close();
  });
});

describe('accessibility (axe-core, WCAG 2.1 A and AA plus best practice)', () => {
  // Audit-only contexts: injecting axe needs the pages' CSP switched off.
  async function auditContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
    return browser.newContext({ ...options, bypassCSP: true });
  }

  it('finds nothing on the demo page, the widget with an answer and an open source, the viewer and an error page', async () => {
    const context = await auditContext({ viewport: LAPTOP });
    const page = await context.newPage();
    await page.goto(apiBase);
    await page.locator('.greeting .example').first().waitFor();
    expectAudited(await accessibilityViolations(page), 'the demo page');
    await page.screenshot({ path: `${SCREENSHOTS}/laptop-demo-greeting.png` });

    await page.locator('.greeting .example').first().click();
    await page.locator('.assistant .marker').first().click();
    await page.locator('.popover').waitFor();
    expectAudited(await accessibilityViolations(page), 'the widget with an answer and an open popover');
    await page.screenshot({ path: `${SCREENSHOTS}/laptop-demo-answer-popover.png` });

    const citation = (await service.ask({ question: examples.questions[0]! })).citations[0]!;
    await page.goto(`${apiBase}/articles/${citation.articleId}?start=${citation.start}&end=${citation.end}`);
    expectAudited(await accessibilityViolations(page), 'the article viewer');
    await page.goto(`${apiBase}/articles/no-such-article`);
    expectAudited(await accessibilityViolations(page), 'the not-found page');
    await context.close();
  });

  it('finds nothing in the phone view of the demo page with the widget open, and of the viewer', async () => {
    const context = await auditContext(PHONE);
    const page = await context.newPage();
    await page.goto(apiBase);
    expectAudited(await accessibilityViolations(page), 'the phone demo page');
    await page.locator('.launcher').tap();
    await page.locator('.greeting .example').first().waitFor();
    expectAudited(await accessibilityViolations(page), 'the phone widget');
    await page.goto(`${apiBase}/articles/export-rules-brief-2026?start=100&end=400`);
    expectAudited(await accessibilityViolations(page), 'the phone viewer');
    await page.screenshot({ path: `${SCREENSHOTS}/phone-viewer.png` });
    await context.close();
  });
});
