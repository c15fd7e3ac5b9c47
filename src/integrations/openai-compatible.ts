// The service as an OpenAI-compatible model: POST /v1/chat/completions (JSON or a stream of
// chat.completion.chunk events) and GET /v1/models, so OpenAI SDKs and chat UIs can use it. The
// reply is the verified answer of QaService.ask with a numbered source list; the citations also
// travel as data in message.citations (delta.citations in the stream's last chunk).
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { LIMITS } from '../config.js';
import { MethodNotAllowedError, NotFoundError } from '../errors.js';
import { createErrorHandler, jsonBody, requireJson, truncate } from '../server/http-errors.js';
import { noteOutcome } from '../server/request-observer.js';
import { answerPieces, sendData, startEventStream } from '../server/sse.js';
import { requestOrigin } from '../viewer-path.js';
import { answerText, linkCitations } from './cited-text.js';
import { MODEL_ID, parseChatCompletionRequest } from './chat-completion-request.js';
import { askThrough, type IntegrationRouteOptions } from './integration-options.js';

/** OpenAI's error shape; its SDKs raise their error classes from the status and show `message`. */
export function openAiErrorBody(status: number, code: string, message: string) {
  const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code } };
}

const listedSince = Math.floor(Date.now() / 1000);

function modelObject() {
  return { id: MODEL_ID, object: 'model', created: listedSince, owned_by: 'export-rules-qa' };
}

/** Token counts are estimated (about four characters a token): no tokenizer runs here. */
function estimatedUsage(prompt: string, completion: string) {
  const prompt_tokens = Math.ceil(prompt.length / 4);
  const completion_tokens = Math.ceil(completion.length / 4);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

export function openAiCompatibleRouter(options: IntegrationRouteOptions): Router {
  const router = express.Router();
  const json = jsonBody(LIMITS.maxBodyBytes);

  router.post('/chat/completions', options.rateLimit, requireJson, json, async (request: Request, response: Response) => {
    const completion = parseChatCompletionRequest(request.body, options.defaultK);
    noteOutcome(response, { question: completion.ask.question });
    const answer = await askThrough(options, completion.ask);
    noteOutcome(response, { answer });
    const origin = requestOrigin(request);
    const content = answerText(answer, origin);
    const citations = linkCitations(answer.citations, origin);
    const prompt = [...(completion.ask.history ?? []).map((turn) => turn.content), completion.ask.question].join('\n');
    const head = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model: completion.model };
    if (!completion.stream) {
      response.json({
        ...head,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, citations }, logprobs: null, finish_reason: 'stop' }],
        usage: estimatedUsage(prompt, content),
      });
      return;
    }
    // The answer is complete and verified before the stream starts, so a failure is still a plain error response.
    startEventStream(response);
    const chunk = (delta: object, finishReason: 'stop' | null) => ({ ...head, object: 'chat.completion.chunk', choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
    sendData(response, chunk({ role: 'assistant', content: '' }, null));
    for (const piece of answerPieces(content)) sendData(response, chunk({ content: piece }, null));
    sendData(response, chunk({ citations }, 'stop'));
    if (completion.includeUsage) sendData(response, { ...head, object: 'chat.completion.chunk', choices: [], usage: estimatedUsage(prompt, content) });
    sendData(response, '[DONE]');
    response.end();
  });
  router.all('/chat/completions', () => {
    throw new MethodNotAllowedError('POST');
  });

  router.get('/models', (_request, response) => {
    response.json({ object: 'list', data: [modelObject()] });
  });
  router.get('/models/:model', (request, response) => {
    const model = String(request.params.model);
    if (model !== MODEL_ID) throw new NotFoundError(`The model "${truncate(model)}" does not exist here; the only model is "${MODEL_ID}".`, 'model_not_found');
    response.json(modelObject());
  });

  router.use((request) => {
    throw new NotFoundError(`No route for ${truncate(request.method, 20)} /v1${truncate(request.path)}; this server offers POST /v1/chat/completions and GET /v1/models.`);
  });
  router.use(createErrorHandler(openAiErrorBody));
  return router;
}
