// The Model Context Protocol server: the tools of tools.ts (search_articles, ask, fact_check,
// get_article), each result both readable text (numbered sources with viewer links) and
// structured content with the same citations. Served over stdio (scripts/mcp.ts) and over
// streamable HTTP at /mcp (mcp-route.ts; stateless: one server per request, JSON responses).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Request, Response } from 'express';
import { AppError } from '../errors.js';
import { noteOutcome } from '../server/request-observer.js';
import { requestOrigin } from '../viewer-path.js';
import type { IntegrationOptions } from './integration-options.js';
import { createToolRunner, TOOL_DEFINITIONS, type ToolName, type ToolResult, type ToolRunnerOptions } from './tools.js';

const VERSION = '1.0.0';

const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: false } as const;

export function createMcpServer(options: ToolRunnerOptions): McpServer {
  const note = options.note ?? (() => {});
  const runner = createToolRunner(options);
  const server = new McpServer({ name: 'export-rules-qa', version: VERSION });

  /** Domain errors reach the client as their message; anything else as a generic one, noted with its stack. */
  async function call(run: () => Promise<ToolResult>): Promise<CallToolResult> {
    try {
      const { text, data } = await run();
      return { content: [{ type: 'text', text }], structuredContent: data };
    } catch (error) {
      if (error instanceof AppError) {
        note({ errorCode: error.code });
        throw error;
      }
      note({ errorCode: 'internal_error', failure: error });
      throw new Error('Something went wrong while answering; please try again.');
    }
  }

  function register<Name extends ToolName>(name: Name, run: (args: Parameters<(typeof runner)[Name]>[0]) => Promise<ToolResult>): void {
    const { title, description, input, output } = TOOL_DEFINITIONS[name];
    server.registerTool(name, { title, description, inputSchema: input, outputSchema: output, annotations: readOnly }, (args: unknown) => call(() => run(args as Parameters<(typeof runner)[Name]>[0])));
  }
  register('search_articles', runner.search_articles);
  register('ask', runner.ask);
  register('fact_check', runner.fact_check);
  register('get_article', runner.get_article);
  return server;
}

/** Answers one streamable-HTTP request (its body already parsed) with a server of its own. */
export async function serveMcpRequest(request: Request, response: Response, options: IntegrationOptions): Promise<void> {
  const server = createMcpServer({ ...options, origin: requestOrigin(request), note: (outcome) => noteOutcome(response, outcome) });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  response.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(request, response, request.body);
}
