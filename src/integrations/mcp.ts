// The Model Context Protocol server: tools search_articles, ask, fact_check and get_article over
// the QA service, each result both readable text (numbered sources with viewer links) and
// structured content with the same citations. Served over stdio (scripts/mcp.ts) and over
// streamable HTTP at /mcp (stateless: one server per request, JSON responses).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { LIMITS } from '../config.js';
import { AppError, InputError, MethodNotAllowedError, NotFoundError } from '../errors.js';
import { viewerPath } from '../server/article-view.js';
import { createErrorHandler, jsonBody, requireJson, truncate } from '../server/http-errors.js';
import { noteOutcome, type RequestOutcome } from '../server/request-observer.js';
import { parseAskBody, parseFactCheckBody, requireQuestionWithinWorkLimit, requireText } from '../server/validation.js';
import type { Passage } from '../types.js';
import { answerText, linkCitations, verdictText } from './cited-text.js';
import type { IntegrationOptions, IntegrationRouteOptions } from './integration-options.js';

export interface McpServerOptions extends IntegrationOptions {
  /** The server's origin, making viewer links absolute; paths when not given (stdio). */
  origin?: string;
  /** Receives what came of each tool call (question, answer, failure) for logs and metrics. */
  note?: (outcome: RequestOutcome) => void;
}

const VERSION = '1.0.0';

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
const questionText = z.string().max(LIMITS.maxQuestionChars);
const k = z.number().int().min(1).max(LIMITS.maxK).optional().describe('How many passages to retrieve');

const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: false } as const;

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

export function createMcpServer(options: McpServerOptions): McpServer {
  const origin = options.origin ?? '';
  const note = options.note ?? (() => {});
  const server = new McpServer({ name: 'export-rules-qa', version: VERSION });

  /** Domain errors reach the client as their message; anything else as a generic one, noted with its stack. */
  function guarded<Args>(run: (args: Args) => Promise<CallToolResult>): (args: Args) => Promise<CallToolResult> {
    return async (args) => {
      try {
        return await run(args);
      } catch (error) {
        if (error instanceof AppError) {
          note({ errorCode: error.code });
          throw error;
        }
        note({ errorCode: 'internal_error', failure: error });
        throw new Error('Something went wrong while answering; please try again.');
      }
    };
  }

  server.registerTool(
    'search_articles',
    {
      title: 'Search the articles',
      description: 'Finds the passages of the news articles on Japan\'s defence-equipment export rules that best match a query. Each result is an exact quote with its article, date, character offsets and a viewer link.',
      inputSchema: { query: questionText.describe('What to look for, in words'), k },
      outputSchema: { results: z.array(z.object({ ...citationShape, score: z.number() })) },
      annotations: readOnly,
    },
    guarded(async (args) => {
      const query = requireText(args.query, 'query');
      requireQuestionWithinWorkLimit(query, args.k ?? options.defaultK);
      note({ question: query });
      const passages = await options.service().retrieve({ question: query, k: args.k ?? options.defaultK });
      const results = passages.map((passage, index) => searchResult(passage, index, origin));
      const text = results.length === 0 ? 'No passage matches the query.' : results.map((result) => `[${result.n}] ${result.title}${result.published ? `, ${result.published}` : ''}\n    "${result.quote}"\n    ${result.link}`).join('\n');
      return { content: [{ type: 'text', text }], structuredContent: { results } };
    }),
  );

  server.registerTool(
    'ask',
    {
      title: 'Ask a question',
      description:
        'Answers a question about Japan\'s defence-equipment export rules from the news articles. Every statement carries an [n] marker resolving to an exact quote; when the articles do not answer, it says so (refused: true).',
      inputSchema: {
        question: questionText.describe('The question'),
        history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).max(LIMITS.maxHistoryTurns).optional().describe('Earlier turns, for follow-up questions'),
        k,
      },
      outputSchema: { answer: z.string(), refused: z.boolean(), mode, citations: z.array(citation), related: z.array(related).optional(), notice: z.string().optional(), fallback: z.string().optional() },
      annotations: readOnly,
    },
    guarded(async (args) => {
      const request = parseAskBody(args, options.defaultK);
      note({ question: request.question });
      const answer = await options.service().ask(request);
      note({ answer });
      return { content: [{ type: 'text', text: answerText(answer, origin) }], structuredContent: { ...answer, citations: linkCitations(answer.citations, origin) } };
    }),
  );

  server.registerTool(
    'fact_check',
    {
      title: 'Fact-check a claim',
      description: 'Checks a claim against the articles: supported, refuted or not_enough_info, with the quotes that decide it.',
      inputSchema: { claim: questionText.describe('The claim, as one statement') },
      outputSchema: {
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
      annotations: readOnly,
    },
    guarded(async (args) => {
      const body = parseFactCheckBody({ claim: args.claim });
      if (!('claim' in body)) throw new InputError('invalid_claim', 'Send one claim as "claim".');
      note({ claims: [body.claim] });
      await options.beforeJudging?.();
      const verdict = await options.service().factcheck(body.claim);
      note({ verdicts: [verdict] });
      return { content: [{ type: 'text', text: verdictText(verdict, origin) }], structuredContent: { ...verdict, citations: linkCitations(verdict.citations, origin) } };
    }),
  );

  server.registerTool(
    'get_article',
    {
      title: 'Read an article',
      description: 'Returns an article\'s metadata and text, or with start and end only that span (the offsets citations use).',
      inputSchema: {
        id: z.string().max(200).describe('The article id, as citations give it'),
        start: z.number().int().min(0).optional().describe('First character of the span (default 0)'),
        end: z.number().int().min(0).optional().describe('Character after the span (default: the end of the text)'),
      },
      outputSchema: {
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
      annotations: readOnly,
    },
    guarded(async (args) => {
      const article = options.service().getArticle(args.id);
      if (!article) throw new NotFoundError(`No article with id "${truncate(args.id)}"; the articleId of a citation or search result names one.`);
      const { text: whole, ...metadata } = article;
      const span = articleSpan(whole.length, args.start, args.end);
      const text = whole.slice(span.start, span.end);
      const link = origin + viewerPath({ articleId: article.id, ...span });
      const heading = [`${article.title}${article.publisher ? ` (${article.publisher})` : ''}${article.published ? `, ${article.published}` : ''}`, `Characters ${span.start}-${span.end} of ${whole.length}: ${link}`];
      return { content: [{ type: 'text', text: `${heading.join('\n')}\n\n${text}` }], structuredContent: { ...metadata, length: whole.length, ...span, text, link } };
    }),
  );

  return server;
}

/** JSON-RPC's error shape for requests refused before they reach the MCP server. */
function jsonRpcErrorBody(status: number, code: string, message: string) {
  const rpcCode = code === 'invalid_json' ? -32700 : status === 429 || status >= 500 ? -32000 : -32600;
  return { jsonrpc: '2.0', error: { code: rpcCode, message, data: { code } }, id: null };
}

/** Tools that retrieve or answer count against the question budget; listing and reading do not. */
const BUDGETED_TOOLS = new Set(['search_articles', 'ask', 'fact_check']);

function budgetToolCalls(rateLimit: RequestHandler): RequestHandler {
  return (request, response, next) => {
    const messages: unknown[] = Array.isArray(request.body) ? request.body : [request.body];
    const costly = messages.some((message) => {
      const call = message as { method?: unknown; params?: { name?: unknown } } | null;
      return call?.method === 'tools/call' && BUDGETED_TOOLS.has(String(call.params?.name));
    });
    if (costly) rateLimit(request, response, next);
    else next();
  };
}

export function mcpRouter(options: IntegrationRouteOptions): Router {
  const router = express.Router();
  router.post('/', requireJson, jsonBody(LIMITS.maxBodyBytes), budgetToolCalls(options.rateLimit), async (request: Request, response: Response) => {
    const origin = `${request.protocol}://${request.get('host') ?? 'localhost'}`;
    const server = createMcpServer({ ...options, origin, note: (outcome) => noteOutcome(response, outcome) });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, request.body);
  });
  // Stateless: no server-initiated stream to open (GET) and no session to end (DELETE).
  router.all('/', () => {
    throw new MethodNotAllowedError('POST');
  });
  router.use(createErrorHandler(jsonRpcErrorBody));
  return router;
}
