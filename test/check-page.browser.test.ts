// The /check page in real headless Chromium against a real server: paste or drop the draft, see
// every sentence marked by its verdict, open a sentence by mouse and keyboard, follow a quote
// into the article viewer, and pass an axe-core audit.
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaService } from '../src/qa-service.js';
import { createApp } from '../src/server/app.js';
import { mountSite } from '../src/server/site.js';
import { accessibilityViolations, launchChromium } from './browser.js';
import type { Article } from '../src/types.js';
import { articlesOf, listen, testService } from './helpers.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';
const DRAFT = resolve('test/fixtures/draft-export-rules.md');

interface Expected {
  text: string;
  expected: 'supported' | 'refuted' | 'not_enough_info' | 'skipped';
}

let browser: Browser;
let service: QaService;
/** The served articles, read once the service is up. */
let articles: ReadonlyMap<string, Article>;
let base: string;
let draftBody: string;
let expected: Expected[];

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  ({ service } = await testService());
  articles = await articlesOf(service);
  base = await listen(createApp({ state: () => ({ service }), corsOrigins: [], extraRoutes: (app) => mountSite(app, { state: () => ({ service }) }) }));
  draftBody = (await readFile(DRAFT, 'utf8')).replace(/^---\n[\s\S]*?\n---\n/, '');
  expected = JSON.parse(await readFile(resolve('test/fixtures/draft-export-rules.expected.json'), 'utf8')).sentences;
});

afterAll(async () => {
  await browser?.close();
});

/** A page that records script errors and CSP violations. */
async function openCheckPage(viewport = { width: 1200, height: 900 }, audit = false): Promise<{ page: Page; problems: string[] }> {
  // Audits inject axe as a script, which the page's CSP forbids: only they bypass it.
  const page = await (await browser.newContext({ viewport, bypassCSP: audit })).newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  const response = await page.goto(`${base}/check`);
  expect(response!.status()).toBe(200);
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
  return { page, problems };
}

/** Each marked sentence: its verdict class and its text without the icon and the hidden label. */
async function markedSentences(page: Page): Promise<[string, string][]> {
  return page.locator('#checked-text .sentence').evaluateAll((elements) =>
    elements.map((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.icon, .visually-hidden').forEach((part) => part.remove());
      return [element.classList[1]!, copy.textContent!];
    }),
  );
}

async function expectDraftMarked(page: Page): Promise<void> {
  await page.locator('#checked-text .sentence').first().waitFor();
  expect(await markedSentences(page)).toEqual(expected.map((sentence) => [sentence.expected, sentence.text]));
  const counts = (label: string) => expected.filter((sentence) => sentence.expected === label).length;
  expect(await page.locator('#summary').innerText()).toBe(
    `${expected.length} sentences: ${counts('supported')} supported, ${counts('refuted')} contradicted, ${counts('not_enough_info')} not settled by the articles, ${counts('skipped')} not checked.`,
  );
}

describe('the /check page', () => {
  it('checks a pasted draft, marks every sentence, and opens a sentence with its quotes by mouse and keyboard', async () => {
    const { page, problems } = await openCheckPage();
    await page.locator('#draft').fill(draftBody);
    await page.getByRole('button', { name: 'Check every sentence' }).click();
    await expectDraftMarked(page);
    // The text around the sentences is the submitted text, unchanged.
    const shown = await page.locator('#checked-text').evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.icon, .visually-hidden').forEach((part) => part.remove());
      return copy.textContent;
    });
    expect(shown).toBe(draftBody);
    await page.screenshot({ path: `${SCREENSHOTS}/check-page-result.png`, fullPage: true });

    // Mouse: a refuted sentence shows what differs and the deciding quote.
    const refuted = page.locator('#checked-text .sentence', { hasText: 'deployed by 2040' });
    await refuted.click();
    expect(await refuted.getAttribute('aria-expanded')).toBe('true');
    const details = page.locator('#details');
    expect(await details.locator('h3').innerText()).toBe('✗ Contradicted by the articles');
    expect(await details.locator('.explanation').innerText()).toContain('the claim says by 2040, the article says by 2035');
    const verdict = await service.factcheck('The jets are expected to be deployed by 2040.');
    const quotes = await details.locator('ol.quotes blockquote').allTextContents();
    expect(quotes).toEqual(verdict.citations.map((citation) => citation.quote));
    for (const citation of verdict.citations) expect(citation.quote).toBe(articles.get(citation.articleId)!.text.slice(citation.start, citation.end));
    await page.screenshot({ path: `${SCREENSHOTS}/check-page-refuted-details.png`, fullPage: true });

    // Keyboard: Tab reaches the sentences; Enter opens one and moves focus to its details; Escape returns.
    const target = page.locator('#checked-text .sentence', { hasText: 'Mitsubishi Heavy Industries' });
    await page.locator('#checked-text .sentence').first().focus();
    for (let presses = 0; presses < 30 && !(await target.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press('Tab');
    expect(await target.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await details.locator('h3').innerText()).toBe('? The articles do not settle this');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('details');
    await page.keyboard.press('Escape');
    expect(await target.evaluate((element) => element === document.activeElement)).toBe(true);

    // Skipped sentences say why.
    await page.locator('#checked-text .sentence', { hasText: 'What changed in 2026?' }).click();
    expect(await details.locator('.explanation').innerText()).toMatch(/question/i);

    expect(problems, problems.join('\n')).toEqual([]);

    // The audit record downloads in the chosen format.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^factcheck-[\dT-]+Z\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.startsWith('checked_at,index_generation,item,')).toBe(true);
    expect(csv).toContain(`,${service.index.generation.name},`);

    // The record describes the text that was checked, not what the text box holds by the time of the
    // download; the buttons wait while a download runs.
    await page.locator('#draft').fill('Japan sold 99 submarines to Atlantis in 1850. The rules were never changed.');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/factcheck/document?format=json', async (route) => {
      await held;
      await route.continue();
    });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'JSON' }).click();
    const exportsDisabled = () => page.locator('#exports button').evaluateAll((buttons) => buttons.map((button) => (button as HTMLButtonElement).disabled));
    expect(await exportsDisabled()).toEqual([true, true, true]);
    release();
    const record = JSON.parse(await readFile((await (await downloading).path())!, 'utf8'));
    expect(record.text).toBe(draftBody);
    expect(record.sentences.map((sentence: { text: string }) => sentence.text)).toEqual(expected.map((sentence) => sentence.text));
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLButtonElement>('#exports button')].every((button) => !button.disabled));
    await page.unrouteAll();

    // A quote opens in the article viewer, highlighted.
    await refuted.click();
    const citation = verdict.citations[0]!;
    await details.locator('a.open-article').first().click();
    await page.waitForURL(/\/articles\//);
    const article = articles.get(citation.articleId)!;
    expect((await page.locator('mark[data-quote="1"]').allTextContents()).join('')).toBe(article.text.slice(citation.start, citation.end));
    await page.screenshot({ path: `${SCREENSHOTS}/check-page-viewer.png` });
    await page.context().close();
  });

  it.each([
    ['a laptop', { width: 1200, height: 900 }],
    ['a phone', { width: 390, height: 844 }],
  ])('passes an axe-core audit on %s: empty, with results, and with a sentence open', async (_screen, viewport) => {
    const { page } = await openCheckPage(viewport, true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('#draft').fill(draftBody);
    await page.getByRole('button', { name: 'Check every sentence' }).click();
    await page.locator('#checked-text .sentence').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('#checked-text .sentence', { hasText: 'deployed by 2040' }).click();
    await page.locator('#details ol.quotes').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('checks a dropped file and a chosen file the same way, and shows the server\'s reason for a bad file', async () => {
    const { page, problems } = await openCheckPage();
    const content = await readFile(DRAFT, 'utf8');
    await page.locator('#drop-zone').evaluate((zone, text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'draft-export-rules.md', { type: 'text/markdown' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, content);
    expect(await page.locator('#chosen-file').innerText()).toMatch(/^draft-export-rules\.md \(\d+ KB\)$/);
    await page.screenshot({ path: `${SCREENSHOTS}/check-page-file-chosen.png` });
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/factcheck/document')) uploads.push(request.headers()['content-type'] ?? '');
    });
    await page.getByRole('button', { name: 'Check every sentence' }).click();
    await expectDraftMarked(page);
    expect(uploads[0]).toMatch(/^multipart\/form-data; boundary=/);

    await page.locator('#file').setInputFiles({ name: 'notes.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK') });
    await page.getByRole('button', { name: 'Check every sentence' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/"notes\.docx" is not a file type that can be checked/);
    await page.screenshot({ path: `${SCREENSHOTS}/check-page-bad-file.png` });
    await page.getByRole('button', { name: 'Remove the file' }).click();
    expect(await page.locator('#chosen').isHidden()).toBe(true);
    expect(problems.filter((problem) => !problem.includes('415'))).toEqual([]);
    await page.context().close();
  });

  it('renders hostile text as text and works on a phone-sized screen', async () => {
    const { page, problems } = await openCheckPage({ width: 390, height: 844 });
    const hostile = '<img src=x onerror="window.pwned=1">\nJapan will sell Patriot air defense missiles to the United States.\n<script>window.pwned=2</script> The jets are expected to be deployed by 2040.';
    await page.locator('#draft').fill(hostile);
    await page.getByRole('button', { name: 'Check every sentence' }).click();
    await page.locator('#checked-text .sentence').first().waitFor();
    expect(await page.locator('#checked-text img, #checked-text script').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    expect(await page.locator('#checked-text').innerText()).toContain('<img src=x onerror="window.pwned=1">');
    await page.locator('#checked-text .sentence', { hasText: 'Patriot' }).click();
    expect(await page.locator('#details h3').innerText()).toBe('✓ Supported by the articles');
    // Nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOTS}/check-page-phone.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
