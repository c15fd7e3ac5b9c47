// The OpenAPI description of the HTTP API, served at /api/openapi.json.
import { LIMITS } from '../config.js';
import { FALLBACK_REASONS } from '../llm/fallback.js';

const error = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
};

const citation = {
  type: 'object',
  required: ['n', 'articleId', 'title', 'quote', 'start', 'end'],
  properties: {
    n: { type: 'integer', minimum: 1 },
    articleId: { type: 'string' },
    title: { type: 'string' },
    publisher: { type: 'string' },
    published: { type: 'string', description: 'YYYY, YYYY-MM or YYYY-MM-DD' },
    url: { type: 'string' },
    quote: { type: 'string', description: 'Exactly article.text.slice(start, end)' },
    start: { type: 'integer' },
    end: { type: 'integer' },
  },
};

const related = {
  type: 'object',
  required: ['articleId', 'title', 'quote', 'start', 'end'],
  properties: { articleId: { type: 'string' }, title: { type: 'string' }, published: { type: 'string' }, quote: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' } },
};

const notice = { type: 'string', description: 'A note for the reader, e.g. why the language model\'s result was replaced by the offline one' };
const fallback = { enum: FALLBACK_REASONS, description: 'Present when the language model\'s result was replaced by the offline one: why, as a code' };

const articleSummary = {
  type: 'object',
  required: ['id', 'title'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    publisher: { type: 'string' },
    published: { type: 'string' },
    publishedNote: { type: 'string' },
    url: { type: 'string' },
  },
};

const errorResponses = {
  '400': { description: 'Invalid request', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '413': {
    description: `Over a work limit: body over ${LIMITS.maxBodyBytes / 1024} KiB after decompression (${Math.floor(LIMITS.maxFactCheckBodyBytes / 1024)} KiB for a fact-check), claims of a batch over ${LIMITS.maxBatchClaimChars} characters together, or question characters times k over ${LIMITS.maxQuestionWork}`,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '415': { description: 'Not UTF-8 JSON, or a Content-Encoding other than gzip, deflate or br', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '429': {
    description: 'Over the per-client rate limit (RATE_LIMIT_PER_MINUTE, shared by questions and fact-checks); see the Retry-After, RateLimit and RateLimit-Policy headers',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '503': { description: 'Index not loaded yet', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: "Japan defence-export rules Q&A",
    version: '1.0.0',
    description: 'Answers questions about Japan\'s defence-equipment export rules from news articles; every statement carries an [n] marker that resolves to an exact quote.',
  },
  paths: {
    '/api/ask': {
      post: {
        summary: 'Answer a question with inline citations',
        description: 'Send Accept: text/event-stream for Server-Sent Events: `token` events ({text}), one `citations` event, a final `done` event with the complete response, or an `error` event.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['question'],
                properties: {
                  question: { type: 'string', minLength: 1, maxLength: LIMITS.maxQuestionChars },
                  history: {
                    type: 'array',
                    maxItems: LIMITS.maxHistoryTurns,
                    items: { type: 'object', additionalProperties: false, required: ['role', 'content'], properties: { role: { enum: ['user', 'assistant'] }, content: { type: 'string' } } },
                  },
                  k: { type: 'integer', minimum: 1, maximum: LIMITS.maxK },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The answer',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/Answer' } },
              'text/event-stream': { schema: { type: 'string' } },
            },
          },
          ...errorResponses,
        },
      },
    },
    '/api/factcheck': {
      post: {
        summary: 'Check one claim, or a batch of claims, against the articles',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  { type: 'object', additionalProperties: false, required: ['claim'], properties: { claim: { type: 'string', maxLength: LIMITS.maxQuestionChars } } },
                  {
                    type: 'object',
                    additionalProperties: false,
                    required: ['claims'],
                    properties: { claims: { type: 'array', minItems: 1, maxItems: LIMITS.maxClaims, items: { type: 'string', maxLength: LIMITS.maxQuestionChars } } },
                  },
                ],
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'A verdict, or {results: [verdict]} for a batch',
            content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Verdict' }, { type: 'object', properties: { results: { type: 'array', items: { $ref: '#/components/schemas/Verdict' } } } }] } } },
          },
          ...errorResponses,
        },
      },
    },
    '/api/articles': {
      get: { summary: 'List the articles', responses: { '200': { description: 'Articles', content: { 'application/json': { schema: { type: 'object', properties: { articles: { type: 'array', items: { $ref: '#/components/schemas/ArticleSummary' } } } } } } } } },
    },
    '/api/articles/{id}': {
      get: {
        summary: 'One article with the text that citation offsets refer to',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The article', content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/ArticleSummary' }, { type: 'object', required: ['text'], properties: { text: { type: 'string' } } }] } } } },
          '404': { description: 'Unknown article id', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/healthz': { get: { summary: 'The process is up', responses: { '200': { description: 'Up' } } } },
    '/readyz': {
      get: {
        summary: 'The index is loaded and, with INDEX_BACKEND=postgres, its database answers',
        responses: {
          '200': { description: 'Ready: backend (file or postgres), generation, articles, chunks, embedder' },
          '503': { description: 'Not ready: `reason` says why (still loading, no index, the database unreachable or missing pgvector) and what to do' },
        },
      },
    },
    '/metrics': { get: { summary: 'Metrics in the Prometheus text format', responses: { '200': { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
  },
  components: {
    schemas: {
      Error: error,
      Citation: citation,
      RelatedPassage: related,
      ArticleSummary: articleSummary,
      Answer: {
        type: 'object',
        required: ['answer', 'refused', 'mode', 'citations'],
        properties: {
          answer: { type: 'string', description: 'Prose with [n] markers' },
          refused: { type: 'boolean' },
          mode: { enum: ['extractive', 'llm'] },
          citations: { type: 'array', items: { $ref: '#/components/schemas/Citation' } },
          related: { type: 'array', items: { $ref: '#/components/schemas/RelatedPassage' } },
          notice,
          fallback,
        },
      },
      Verdict: {
        type: 'object',
        required: ['claim', 'verdict', 'explanation', 'citations'],
        properties: {
          claim: { type: 'string' },
          verdict: { enum: ['supported', 'refuted', 'not_enough_info'] },
          explanation: { type: 'string' },
          citations: { type: 'array', items: { $ref: '#/components/schemas/Citation' } },
          confidence: { type: 'number', minimum: 0, maximum: 1 },
          related: { type: 'array', items: { $ref: '#/components/schemas/RelatedPassage' } },
          mode: { enum: ['extractive', 'llm'] },
          notice,
          fallback,
        },
      },
    },
  },
} as const;
