// The server-rendered pages without a browser: the viewer's layout keeps every citation offset,
// range errors say what is wrong, the demo list's date wording, and the example questions.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../src/config.js';
import type { QaService } from '../src/qa-service.js';
import { createApp } from '../src/server/app.js';
import { articlePage, HighlightError, parseHighlights } from '../src/server/article-view.js';
import { loadExamples, MAX_EXAMPLES, type Examples } from '../src/server/examples.js';
import { dateSourceLabel, mountSite } from '../src/server/site.js';
import { textBlocks } from '../src/server/text-layout.js';
import type { Article, TextRange } from '../src/types.js';
import { articlesOf, listen, temporaryDirectory, testService } from './helpers.js';

let service: QaService;
/** The served articles, read once the service is up. */
let articles: ReadonlyMap<string, Article>;
let examples: Examples;
let base: string;

beforeAll(async () => {
  ({ service } = await testService());
  articles = await articlesOf(service);
  examples = await loadExamples(resolve('examples.yaml'));
  base = await listen(createApp({ state: () => ({ service }), corsOrigins: [], examples, extraRoutes: (app) => mountSite(app, { state: () => ({ service }), examples }) }));
});

function articleElement(article: Article, highlights: TextRange[]) {
  const { document } = parseHTML(articlePage(article, highlights));
  return document.querySelector('.article-text')!;
}

describe('the article viewer layout', () => {
  it('lays every article out in paragraphs and headings whose text is exactly the stored text', () => {
    let headings = 0;
    for (const article of articles.values()) {
      const blocks = textBlocks(article.text, article.excluded);
      // The blocks tile the text: no gap, no overlap, nothing left out.
      expect(blocks[0]!.start).toBe(0);
      expect(blocks.at(-1)!.end).toBe(article.text.length);
      blocks.slice(1).forEach((block, i) => expect(block.start).toBe(blocks[i]!.end));
      const element = articleElement(article, []);
      expect(element.textContent).toBe(article.text);
      expect(element.querySelectorAll('p').length).toBeGreaterThan(1);
      headings += element.querySelectorAll('h2').length;
      // Boilerplate lines are never headings.
      for (const heading of element.querySelectorAll('h2')) expect(heading.querySelector('.excluded')).toBeNull();
    }
    expect(headings).toBeGreaterThan(5);
  });

  it('recognises subheadings and list items, and leaves sentences, questions and the last line as paragraphs', () => {
    const text = 'Lead sentence of the story.\n\nWhat We Know\n- First point.\n- Second point.\nQ: What changed?\nA: The rules.\n## Marked heading\nClosing line without a stop';
    const kinds = textBlocks(text).map((block) => [text.slice(block.start, block.end).trim(), block.kind]);
    expect(kinds).toEqual([
      ['Lead sentence of the story.', 'paragraph'],
      ['What We Know', 'heading'],
      ['- First point.', 'item'],
      ['- Second point.', 'item'],
      ['Q: What changed?', 'paragraph'],
      ['A: The rules.', 'paragraph'],
      ['## Marked heading', 'heading'],
      ['Closing line without a stop', 'paragraph'],
    ]);
  });

  it('highlights spans across paragraph and heading boundaries with the exact quoted text', () => {
    for (const article of articles.values()) {
      const blocks = textBlocks(article.text, article.excluded);
      // One span crossing a block boundary, one inside a block, one covering the whole text.
      const boundary = blocks[Math.floor(blocks.length / 2)]!.start;
      const spans = [
        { start: Math.max(0, boundary - 30), end: Math.min(article.text.length, boundary + 30) },
        { start: blocks[0]!.start + 2, end: blocks[0]!.end - 2 },
        { start: 0, end: article.text.length },
      ];
      const element = articleElement(article, spans);
      spans.forEach((span, i) => {
        const pieces = [...element.querySelectorAll(`mark[data-quote="${i + 1}"]`)].map((mark) => mark.textContent);
        expect(pieces.join('')).toBe(article.text.slice(span.start, span.end));
      });
      expect(element.querySelectorAll('[id="quote-1"]').length).toBe(1);
    }
  });

  it('says what is wrong with a range', () => {
    const wrong = (query: Record<string, unknown>) => {
      try {
        parseHighlights(query, 12345);
      } catch (error) {
        expect(error).toBeInstanceOf(HighlightError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(wrong({ start: '50', end: '99999' })).toMatch(/^end 99999 is past the end of the article \(12345 characters\)/);
    expect(wrong({ start: '400', end: '300' })).toMatch(/^start 400 must be below end 300/);
    expect(wrong({ start: '300', end: '300' })).toMatch(/^start 300 must be below end 300/);
    expect(wrong({ start: '-1', end: '5' })).toMatch(/whole numbers/);
    expect(parseHighlights({ start: '0', end: '12345' }, 12345)).toEqual([{ start: 0, end: 12345 }]);
    const pairs = (count: number) => ({ start: Array.from({ length: count }, (_, i) => String(i)), end: Array.from({ length: count }, (_, i) => String(i + 1)) });
    expect(parseHighlights(pairs(LIMITS.maxHighlights), 12345)).toHaveLength(LIMITS.maxHighlights);
    expect(wrong(pairs(LIMITS.maxHighlights + 1))).toBe(`The link asks for ${LIMITS.maxHighlights + 1} highlighted spans; give at most ${LIMITS.maxHighlights} start/end pairs.`);
    // Counted before pairing, so a flood of starts alone is refused for its size too.
    expect(wrong({ start: pairs(500).start })).toMatch(/give at most \d+ start\/end pairs/);
  });

  it('answers a bad range with 400 and the reason, and shows the article unhighlighted', async () => {
    const article = articles.get('fighter-jet-exports')!;
    const response = await fetch(`${base}/articles/fighter-jet-exports?start=10&end=99999`);
    expect(response.status).toBe(400);
    const { document } = parseHTML(await response.text());
    expect(document.querySelector('.error')!.textContent).toContain(`end 99999 is past the end of the article (${article.text.length} characters)`);
    expect(document.querySelectorAll('mark').length).toBe(0);
  });

  it('refuses a link asking for more highlights than the limit with 400 and a page of ordinary size', async () => {
    const article = articles.get('fighter-jet-exports')!;
    const spans = Array.from({ length: 499 }, (_, i) => `start=${i}&end=${article.text.length - i}`).join('&');
    const response = await fetch(`${base}/articles/fighter-jet-exports?${spans}`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html.length).toBeLessThan(article.text.length * 4);
    const { document } = parseHTML(html);
    expect(document.querySelector('.error')!.textContent).toContain(`give at most ${LIMITS.maxHighlights} start/end pairs`);
    expect(document.querySelectorAll('mark').length).toBe(0);
  });
});

describe('the demo page', () => {
  it('words how each date was found with balanced parentheses', () => {
    expect(dateSourceLabel('Stated in the page metadata (article:published_time).')).toBe('stated in the page metadata (article:published_time)');
    expect(dateSourceLabel('Inferred: the text treats December 2023 as past.')).toBe('inferred');
    expect(dateSourceLabel('Stated in the text: "Published 2026-04-21".')).toBe('stated in the text');
    expect(dateSourceLabel('Taken from the PDF creation date.')).toBe('taken from the PDF creation date');
  });

  it('lists the articles and offers the configured examples', async () => {
    const { document } = parseHTML(await (await fetch(base)).text());
    for (const meta of document.querySelectorAll('ul.articles .meta')) {
      const text = meta.textContent ?? '';
      expect(text.split('(').length, text).toBe(text.split(')').length);
    }
    expect([...document.querySelectorAll('button[data-question]')].map((button) => button.textContent)).toEqual(examples.questions);
    expect([...document.querySelectorAll('button[data-claim]')].map((button) => button.textContent)).toEqual(examples.claims);
    expect(document.querySelectorAll('main').length).toBe(1);
  });
});

describe('example questions and claims', () => {
  it('are served to the widget, also before the index is ready', async () => {
    const response = await fetch(`${base}/api/examples`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(examples);
    const loading = await listen(createApp({ state: () => ({}), corsOrigins: [], examples }));
    expect(await (await fetch(`${loading}/api/examples`)).json()).toEqual(examples);
  });

  it('are each answered or decided by the project corpus', async () => {
    expect(examples.questions.length).toBeGreaterThanOrEqual(3);
    expect(examples.claims.length).toBeGreaterThanOrEqual(3);
    for (const question of examples.questions) {
      const answer = await service.ask({ question });
      expect(answer.refused, `${question} -> ${answer.answer}`).toBe(false);
    }
    const verdicts = new Set<string>();
    for (const claim of examples.claims) {
      const verdict = await service.factcheck(claim);
      expect(verdict.verdict, `${claim} -> ${verdict.explanation}`).not.toBe('not_enough_info');
      verdicts.add(verdict.verdict);
      if (verdict.verdict !== 'refuted') continue;
      // An example refutation shows the articles stating otherwise: a different number, date or
      // wording in the quote. A different name ("the claim names Ukraine, the article names
      // U.S.") is no contradiction to show off: a sale to one country does not rule out another.
      const stated = /the claim says "?(.+?)"?, the article says "?(.+?)"? \(/.exec(verdict.explanation);
      expect(stated, `${claim} -> ${verdict.explanation}`).not.toBeNull();
      expect(claim).toContain(stated![1]!);
      expect(verdict.citations[0]!.quote).toContain(stated![2]!);
    }
    // The examples show both outcomes.
    expect([...verdicts].sort()).toEqual(['refuted', 'supported']);
  });

  it('come from the file, and a bad file is refused with the reason', async () => {
    const directory = await temporaryDirectory();
    const write = async (name: string, content: string) => {
      const path = join(directory, name);
      await writeFile(path, content);
      return path;
    };
    expect(await loadExamples(join(directory, 'missing.yaml'))).toEqual({ questions: [], claims: [] });
    expect(await loadExamples(await write('only-questions.yaml', 'questions:\n  - " Who signed? "\n'))).toEqual({ questions: ['Who signed?'], claims: [] });
    await expect(loadExamples(await write('list.yaml', '- a question?\n'))).rejects.toThrow(/must be a YAML mapping/);
    const misspelt = join(directory, 'misspelt.yaml');
    await writeFile(misspelt, 'question:\n  - Who signed?\nclaims:\n  - Australia signed contracts.\n');
    await expect(loadExamples(misspelt)).rejects.toThrow(`${misspelt}: unknown key "question"; the file holds only "questions:" and "claims:" lists.`);
    await expect(loadExamples(await write('two-misspelt.yaml', 'Questions: []\nclaim: []\n'))).rejects.toThrow(/unknown keys "Questions", "claim"/);
    await expect(loadExamples(await write('number.yaml', 'questions:\n  - 42\n'))).rejects.toThrow(/"questions" must be a list of non-empty strings/);
    await expect(loadExamples(await write('broken.yaml', 'questions: [unclosed\n'))).rejects.toThrow(/is not valid YAML/);
    const many = Array.from({ length: MAX_EXAMPLES + 1 }, (_, i) => `  - Question ${i}?`).join('\n');
    await expect(loadExamples(await write('many.yaml', `claims:\n${many}\n`))).rejects.toThrow(new RegExp(`has ${MAX_EXAMPLES + 1} entries; keep at most ${MAX_EXAMPLES}`));
    await expect(loadExamples(await write('long.yaml', `questions:\n  - ${'x'.repeat(300)}\n`))).rejects.toThrow(/has 300 characters/);
  });
});
