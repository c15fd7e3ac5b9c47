// POST /mcp: the MCP server over streamable HTTP, behind the app's JSON body limit and question
// budget, with refusals as JSON-RPC error bodies. The MCP SDK is loaded on the first request,
// which keeps it (about 0.2 s of imports) out of the server's start-up.
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { LIMITS } from '../config.js';
import { InputError, MethodNotAllowedError } from '../errors.js';
import { createErrorHandler, jsonBody, requireJson } from '../server/http-errors.js';
import type { IntegrationRouteOptions } from './integration-options.js';
import type { ToolName } from './tools.js';

/** JSON-RPC's error shape for requests refused before they reach the MCP server. */
function jsonRpcErrorBody(status: number, code: string, message: string) {
  const rpcCode = code === 'invalid_json' ? -32700 : status === 429 || status >= 500 ? -32000 : -32600;
  return { jsonrpc: '2.0', error: { code: rpcCode, message, data: { code } }, id: null };
}

/** Tools that retrieve or answer count against the question budget; listing and reading do not. */
const BUDGETED_TOOLS = new Set<string>(['search_articles', 'ask', 'fact_check'] satisfies ToolName[]);

function isBudgetedCall(message: unknown): boolean {
  const call = message as { method?: unknown; params?: { name?: unknown } } | null;
  return call?.method === 'tools/call' && BUDGETED_TOOLS.has(String(call?.params?.name));
}

/**
 * A request with a budgeted tool call counts once against the rate limit, so a JSON-RPC batch
 * may hold only one: a batch of many would run them all for the price of one.
 */
function budgetToolCalls(rateLimit: RequestHandler): RequestHandler {
  return (request, response, next) => {
    const messages: unknown[] = Array.isArray(request.body) ? request.body : [request.body];
    const budgeted = messages.filter(isBudgetedCall).length;
    if (budgeted > 1) {
      next(
        new InputError(
          'too_many_tool_calls',
          `The batch holds ${budgeted} calls of ${[...BUDGETED_TOOLS].join(', ')}; a request may hold at most one, since each counts against the rate limit. Send them as separate requests.`,
        ),
      );
    } else if (budgeted === 1) rateLimit(request, response, next);
    else next();
  };
}

export function mcpRouter(options: IntegrationRouteOptions): Router {
  const router = express.Router();
  let mcp: Promise<typeof import('./mcp.js')> | undefined;
  router.post('/', requireJson, jsonBody(LIMITS.maxBodyBytes), budgetToolCalls(options.rateLimit), async (request: Request, response: Response) => {
    const { serveMcpRequest } = await (mcp ??= import('./mcp.js'));
    await serveMcpRequest(request, response, options);
  });
  // Stateless: no server-initiated stream to open (GET) and no session to end (DELETE).
  router.all('/', () => {
    throw new MethodNotAllowedError('POST');
  });
  router.use(createErrorHandler(jsonRpcErrorBody));
  return router;
}
