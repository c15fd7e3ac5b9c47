// The widget and the article viewer in real headless Chromium: a host page on one origin
// embeds the widget served by the API on another.
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaService } from '../src/qa-service.js';
import { createApp } from '../src/server/app.js';
import { buildWidget, mountSite } from '../src/server/site.js';
import { launchChromium } from './browser.js';
import { articlesOf, listen, testService } from './helpers.js';

const SCREENSHOTS = 'test-results/screenshots';

let browser: Browser;
let service: QaService;
let apiBase: string;

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
  apiBase = await listen(createApp({ state: () => ({ service }), corsOrigins: [], extraRoutes: (app) => mountSite(app, { state: () => ({ service }) }) }));
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
    expect(await page.locator('#own-button').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(10, 20, 30)');
    expect(await page.evaluate(() => Object.keys(window).filter((key) => key.startsWith('ExportRules')))).toEqual(['ExportRulesQA']);

    const question = 'When are the new fighter jets expected to be deployed?';
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
    // Scrolled to the quote.
    expect(await viewer.locator('#quote-1').evaluate((element) => element.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    await viewer.screenshot({ path: `${SCREENSHOTS}/article-viewer-highlight.png`, fullPage: true });

    // Escape closes the panel and returns focus to the launcher.
    await page.locator('textarea.input').press('Escape'); // closes the popover first
    await page.locator('textarea.input').press('Escape');
    await expect.poll(() => page.locator('.panel').isVisible()).toBe(false);
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
    expect(await page.locator('.error').innerText()).toMatch(/not inside this article/);
    const missing = await page.goto(`${apiBase}/articles/no-such-article`);
    expect(missing!.status()).toBe(404);
    await page.close();
  });
});
