// The four operations that agents and MCP hosts call (search_articles, ask, fact_check,
// get_article): their names, descriptions and zod schemas, and one runner that validates the
// arguments as the HTTP API does, calls the QA service and returns the result twice, as readable
// text with numbered sources and as data with the same citations. MCP and LangChain wrap it.
import { z } from 'zod';
import { LIMITS } from '../config.js';
import { InputError, NotFoundError } from '../errors.js';
import type { RequestOutcome } from '../server/request-observer.js';
import { viewerPath } from '../viewer-path.js';
import { truncate } from '../server/http-errors.js';
import { parseAskBody, requireQuestionWithinWorkLimit, requireText } from '../server/validation.js';
import type { Passage } from '../types.js';
import { answerText, linkCitations, verdictText } from './cited-text.js';
import { askThrough, type IntegrationOptions } from './integration-options.js';

const citationShape = {
  n: z.number().int().describe('The [n] marker this citation resolves'),
  articleId: z.string(),
  title: z.string(),
  publisher: z.string().optional(),
  published: z.string().optional().describe('YYYY, YYYY-MM or YYYY-MM-DD'),
  url: z.string().optional().describe('Where the article was published'),
  quote: z.string().describe('Exactly the article text from start to end'),
  start: z.number().int(),
  end: z.number().int(),
  link: z.string().describe('The article viewer with the quote highlighted'),
};
const citation = z.object(citationShape);
const related = z.object({ articleId: z.string(), title: z.string(), published: z.string().optional(), quote: z.string(), start: z.number().int(), end: z.number().int() });
const mode = z.enum(['extractive', 'llm']);
const text = z.string().max(LIMITS.maxQuestionChars);
const k = z.number().int().min(1).max(LIMITS.maxK).optional().describe('How many passages to retrieve');

/** Each tool's description, input and output schemas (zod shapes, as MCP and LangChain take them). */
export const TOOL_DEFINITIONS = {
  search_articles: {
    title: 'Search the articles',
    description:
      "Finds the passages of the news articles on Japan's defence-equipment export rules that best match a query. Each result is an exact quote with its article, date, character offsets and a viewer link.",
    input: { query: text.describe('What to look for, in words'), k },
    output: { results: z.array(z.object({ ...citationShape, score: z.number() })) },
  },
  ask: {
    title: 'Ask a question',
    description:
      "Answers a question about Japan's defence-equipment export rules from the news articles. Every statement carries an [n] marker resolving to an exact quote; when the articles do not answer, it says so (refused: true).",
    input: {
      question: text.describe('The question'),
      history: z
        .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() }))
        .max(LIMITS.maxHistoryTurns)
        .optional()
        .describe('Earlier turns, for follow-up questions'),
      k,
    },
    output: { answer: z.string(), refused: z.boolean(), mode, citations: z.array(citation), related: z.array(related).optional(), notice: z.string().optional(), fallback: z.string().optional() },
  },
  fact_check: {
    title: 'Fact-check a claim',
    description: 'Checks a claim against the articles: supported, refuted or not_enough_info, with the quotes that decide it.',
    input: { claim: text.describe('The claim, as one statement') },
    output: {
      claim: z.string(),
      verdict: z.enum(['supported', 'refuted', 'not_enough_info']),
      explanation: z.string(),
      citations: z.array(citation),
      confidence: z.number().optional(),
      related: z.array(related).optional(),
      mode,
      notice: z.string().optional(),
      fallback: z.string().optional(),
    },
  },
  get_article: {
    title: 'Read an article',
    description: "Returns an article's metadata and text, or with start and end only that span (the character offsets citations use).",
    input: {
      id: z.string().max(200).describe('The article id, as citations give it'),
      start: z.number().int().min(0).optional().describe('First character of the span (default 0)'),
      end: z.number().int().min(0).optional().describe('Character after the span (default: the end of the text)'),
    },
    output: {
      id: z.string(),
      title: z.string(),
      publisher: z.string().optional(),
      published: z.string().optional(),
      publishedNote: z.string().optional(),
      url: z.string().optional(),
      length: z.number().int().describe('Characters in the whole text'),
      start: z.number().int(),
      end: z.number().int(),
      text: z.string().describe('The text from start to end'),
      link: z.string(),
    },
  },
} as const;

export type ToolName = keyof typeof TOOL_DEFINITIONS;
export type ToolArguments<Name extends ToolName> = z.infer<z.ZodObject<(typeof TOOL_DEFINITIONS)[Name]['input']>>;

/** A tool's result: readable text for a model or a person, and the same result as data. */
export interface ToolResult {
  text: string;
  data: Record<string, unknown>;
}

export interface ToolRunnerOptions extends IntegrationOptions {
  /** The server's origin, making viewer links absolute; paths on the server when not given. */
  origin?: string;
  /** Receives what came of each call (question, answer, verdict) for logs and metrics. */
  note?: (outcome: RequestOutcome) => void;
}

export type ToolRunner = { [Name in ToolName]: (args: ToolArguments<Name>) => Promise<ToolResult> };

/** A span of an article's text, checked against its length; the whole text when neither end is given. */
function articleSpan(textLength: number, start: number | undefined, end: number | undefined): { start: number; end: number } {
  const span = { start: start ?? 0, end: end ?? textLength };
  if (span.start >= span.end || span.end > textLength) {
    throw new InputError('invalid_span', `The span ${span.start}-${span.end} is not inside this article, whose text has ${textLength} characters; give 0 <= start < end <= ${textLength}.`);
  }
  return span;
}

function searchResult(passage: Passage, index: number, origin: string) {
  const { article, chunk } = passage;
  const source = { n: index + 1, articleId: article.id, title: article.title, publisher: article.publisher, published: article.published, url: article.url, quote: passage.text, start: chunk.start, end: chunk.end };
  return { ...source, score: passage.score, link: origin + viewerPath(source) };
}

export function createToolRunner(options: ToolRunnerOptions): ToolRunner {
  const origin = options.origin ?? '';
  const note = options.note ?? (() => {});
  return {
    async search_articles(args) {
      const query = requireText(args.query, 'query');
      const k = args.k ?? options.defaultK;
      requireQuestionWithinWorkLimit(query, k);
      note({ question: query });
      const results = (await options.service().retrieve({ question: query, k })).map((passage, index) => searchResult(passage, index, origin));
      const lines = results.map((result) => `[${result.n}] ${result.title}${result.published ? `, ${result.published}` : ''}\n    "${result.quote}"\n    ${result.link}`);
      return { text: lines.length === 0 ? 'No passage matches the query.' : lines.join('\n'), data: { results } };
    },

    async ask(args) {
      const request = parseAskBody(args, options.defaultK);
      note({ question: request.question });
      const answer = await askThrough(options, request);
      note({ answer });
      return { text: answerText(answer, origin), data: { ...answer, citations: linkCitations(answer.citations, origin) } };
    },

    async fact_check(args) {
      const claim = requireText(args.claim, 'claim');
      note({ claims: [claim] });
      await options.beforeJudging?.();
      const verdict = await options.service().factcheck(claim);
      note({ verdicts: [verdict] });
      return { text: verdictText(verdict, origin), data: { ...verdict, citations: linkCitations(verdict.citations, origin) } };
    },

    async get_article(args) {
      const article = await options.service().getArticle(args.id);
      if (!article) throw new NotFoundError(`No article with id "${truncate(args.id)}"; the articleId of a citation or search result names one.`);
      const { text: whole, ...metadata } = article;
      const span = articleSpan(whole.length, args.start, args.end);
      const excerpt = whole.slice(span.start, span.end);
      const link = origin + viewerPath({ articleId: article.id, ...span });
      const heading = `${article.title}${article.publisher ? ` (${article.publisher})` : ''}${article.published ? `, ${article.published}` : ''}\nCharacters ${span.start}-${span.end} of ${whole.length}: ${link}`;
      return { text: `${heading}\n\n${excerpt}`, data: { ...metadata, length: whole.length, ...span, text: excerpt, link } };
    },
  };
}
