// The OpenAPI description of the HTTP API, served at /api/openapi.json.
import { LIMITS } from '../config.js';
import { SKIP_EXPLANATIONS } from '../factcheck/document-check.js';
import { byteSize } from '../corpus/read-document.js';
import { FALLBACK_REASONS } from '../llm/fallback.js';
import { MAX_EXAMPLE_CHARS, MAX_EXAMPLES } from './examples.js';
import { MODEL_ID } from '../integrations/chat-completion-request.js';

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
    viewer: { type: 'string', description: 'Fact-check results only: the article viewer with the quote highlighted' },
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

const exportNote =
  'Every fact-check result comes as JSON (default), Markdown or CSV: send ?format=json|md|csv or Accept: application/json, text/markdown or text/csv (406 for anything else). ' +
  'JSON adds a viewer link to each citation and an `audit` object; Markdown and CSV carry the same audit record (CSV: RFC 4180, one row per quote, cells starting with = + - @ prefixed with an apostrophe).';

const formatParameter = { name: 'format', in: 'query', required: false, schema: { enum: ['json', 'md', 'markdown', 'csv'] }, description: 'Overrides the Accept header' };

const auditResponses = (description: string, schema: object) => ({
  '200': {
    description,
    content: {
      'application/json': { schema },
      'text/markdown': { schema: { type: 'string' } },
      'text/csv': { schema: { type: 'string' } },
    },
  },
  '406': { description: 'No format the endpoint produces matches ?format or Accept', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
});
const openAiError = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message', 'type', 'code'],
      properties: { message: { type: 'string' }, type: { enum: ['invalid_request_error', 'rate_limit_error', 'server_error'] }, code: { type: 'string' }, param: { type: 'null' } },
    },
  },
};

/** A required JSON request body with this schema. */
function jsonRequestBody(schema: object) {
  return { required: true, content: { 'application/json': { schema } } };
}

const openAiErrors = Object.fromEntries(
  [
    ['400', 'Invalid request: bad or empty messages, no user message, an assistant message last, a blank or over-long question, a tool call or tool result, client tools, n other than 1, a JSON response_format, invalid JSON'],
    ['404', 'Unknown model (code model_not_found) or path'],
    ['413', 'Body over the /api/ask limit, or question characters times k over the work limit'],
    ['415', 'Not UTF-8 JSON'],
    ['429', 'Over the per-client rate limit shared with /api/ask (Retry-After)'],
    ['503', 'Index not loaded yet'],
  ].map(([status, description]) => [status, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/OpenAIError' } } } }]),
);

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
        description: exportNote,
        parameters: [formatParameter],
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
          ...auditResponses('A verdict with its audit, or {results: [verdict], audit} for a batch', {
            oneOf: [
              { allOf: [{ $ref: '#/components/schemas/Verdict' }, { type: 'object', properties: { audit: { $ref: '#/components/schemas/Audit' } } }] },
              { type: 'object', properties: { results: { type: 'array', items: { $ref: '#/components/schemas/Verdict' } }, audit: { $ref: '#/components/schemas/Audit' } } },
            ],
          }),
          ...errorResponses,
        },
      },
    },
    '/api/factcheck/document': {
      post: {
        summary: 'Check every sentence of a text, pasted as JSON or uploaded as a file',
        description:
          `The text is split into sentences; questions, headings, fragments and opinions are skipped with the reason, every other sentence is fact-checked. Offsets count in the submitted text, or for an upload in the extracted text the response returns. ` +
          `At most ${LIMITS.maxDocumentChars} characters and ${LIMITS.maxDocumentSentences} checked sentences; uploads (.md, .markdown, .txt, .html, .htm, .pdf, read by the ingest loaders) up to ${byteSize(LIMITS.maxUploadBytes)} and ${LIMITS.maxUploadPdfPages} pages for a PDF, whose text is read page by page only until it is over the character limit, and ${byteSize(LIMITS.maxUploadTextBytes)} for other files. ${exportNote}`,
        parameters: [formatParameter],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', maxLength: LIMITS.maxDocumentChars } } } },
            'multipart/form-data': { schema: { type: 'object', additionalProperties: false, required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } },
          },
        },
        responses: {
          ...auditResponses('Every sentence with its offsets and verdict or skip reason, a summary per verdict, and the audit', { $ref: '#/components/schemas/DocumentCheck' }),
          ...errorResponses,
          '413': {
            description: `Text over ${LIMITS.maxDocumentChars} characters, more than ${LIMITS.maxDocumentSentences} sentences to check, a PDF over ${byteSize(LIMITS.maxUploadBytes)} or ${LIMITS.maxUploadPdfPages} pages, or another file over ${byteSize(LIMITS.maxUploadTextBytes)}`,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
          '415': { description: 'Neither JSON nor multipart/form-data, a file type the loaders do not read, or a text file that is not UTF-8', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/api/examples': {
      get: {
        summary: 'Example questions and claims for new readers',
        description: 'What the widget greeting and the demo page offer, from the examples file (EXAMPLES_FILE); empty lists when there is none. Served while the index is still loading.',
        responses: {
          '200': {
            description: 'The examples',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['questions', 'claims'],
                  properties: { questions: { type: 'array', maxItems: MAX_EXAMPLES, items: { type: 'string', maxLength: MAX_EXAMPLE_CHARS } }, claims: { type: 'array', maxItems: MAX_EXAMPLES, items: { type: 'string', maxLength: MAX_EXAMPLE_CHARS } } },
                },
              },
            },
          },
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
    '/v1/chat/completions': {
      post: {
        summary: 'OpenAI-compatible chat completion: the last user message is the question, earlier user and assistant messages its history',
        description:
          'The reply is the /api/ask answer followed by a numbered source list (title, date, quote, viewer link); message.citations carries the citations with a `link`. With "stream": true, `chat.completion.chunk` events, the citations in the last chunk\'s delta, then `data: [DONE]`. System messages and sampling parameters are accepted and ignored; usage counts are estimates (four characters a token).',
        requestBody: jsonRequestBody({
          type: 'object',
          required: ['model', 'messages'],
          properties: {
            model: { const: MODEL_ID },
            messages: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['role'],
                properties: {
                  role: { enum: ['system', 'developer', 'user', 'assistant'] },
                  content: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'object', required: ['type', 'text'], properties: { type: { const: 'text' }, text: { type: 'string' } } } }] },
                },
              },
            },
            stream: { type: 'boolean' },
            stream_options: { type: 'object', properties: { include_usage: { type: 'boolean' } } },
            n: { const: 1 },
          },
        }),
        responses: {
          '200': {
            description: 'A chat.completion whose message has `content` (answer and sources) and `citations`, or a stream of chat.completion.chunk events',
            content: { 'application/json': { schema: { type: 'object' } }, 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...openAiErrors,
        },
      },
    },
    '/v1/models': {
      get: { summary: `The one model, ${MODEL_ID}, in OpenAI's list shape`, responses: { '200': { description: 'Models', content: { 'application/json': { schema: { type: 'object' } } } } } },
    },
    '/v1/models/{model}': {
      get: {
        summary: 'One model',
        parameters: [{ name: 'model', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The model' }, '404': openAiErrors['404'] },
      },
    },
    '/mcp': {
      post: {
        summary: 'Model Context Protocol over streamable HTTP (stateless, JSON responses): tools search_articles, ask, fact_check, get_article',
        description: 'Bad tool arguments, unknown tools, unknown article ids and spans outside the text come back as tool results with isError: true. Calls of search_articles, ask and fact_check count against the rate limit shared with /api/ask.',
        requestBody: jsonRequestBody({ type: 'object', description: 'A JSON-RPC 2.0 message' }),
        responses: {
          '200': { description: 'The JSON-RPC response' },
          '202': { description: 'A notification was accepted' },
          '400': { description: 'Invalid JSON (-32700) or an invalid JSON-RPC message', content: { 'application/json': { schema: { type: 'object' } } } },
          '405': { description: 'GET or DELETE: this server keeps no sessions or server-initiated streams' },
          '406': { description: 'The client does not accept application/json and text/event-stream' },
          '413': { description: 'Body over the /api/ask limit' },
          '415': { description: 'Not JSON' },
          '429': { description: 'Over the per-client rate limit (Retry-After)' },
        },
      },
    },
  },
  components: {
    schemas: {
      Error: error,
      OpenAIError: openAiError,
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
      Audit: {
        type: 'object',
        description: 'What the result was checked against, so it can be reproduced and audited',
        required: ['checkedAt', 'index', 'articles'],
        properties: {
          checkedAt: { type: 'string', format: 'date-time' },
          index: { type: 'object', properties: { generation: { type: 'string' }, createdAt: { type: 'string' }, embedder: { type: 'string' } } },
          articles: {
            type: 'array',
            description: 'Every cited article',
            items: {
              allOf: [
                { $ref: '#/components/schemas/ArticleSummary' },
                { type: 'object', properties: { textSha256: { type: 'string', description: 'sha256 of the article text the offsets count in' } } },
              ],
            },
          },
        },
      },
      DocumentCheck: {
        type: 'object',
        required: ['text', 'sentences', 'summary', 'source', 'audit'],
        properties: {
          text: { type: 'string', description: 'The checked text (for an upload, the text extracted from the file)' },
          sentences: {
            type: 'array',
            items: {
              type: 'object',
              required: ['start', 'end', 'text', 'status'],
              properties: {
                start: { type: 'integer' },
                end: { type: 'integer' },
                text: { type: 'string', description: 'Exactly text.slice(start, end)' },
                status: { enum: ['checked', 'skipped'] },
                result: { $ref: '#/components/schemas/Verdict' },
                reason: { enum: Object.keys(SKIP_EXPLANATIONS) },
                explanation: { type: 'string', description: 'Why the sentence was skipped' },
              },
            },
          },
          summary: { type: 'object', properties: { sentences: { type: 'integer' }, checked: { type: 'integer' }, skipped: { type: 'integer' }, supported: { type: 'integer' }, refuted: { type: 'integer' }, not_enough_info: { type: 'integer' } } },
          source: { type: 'object', properties: { kind: { enum: ['text', 'upload'] }, fileName: { type: 'string' }, format: { type: 'string' }, title: { type: 'string' } } },
          audit: { $ref: '#/components/schemas/Audit' },
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
