// npm run mcp: the MCP server over stdio, for hosts that start it as a process (Claude Desktop,
// editors, agent frameworks). stdout carries the protocol; everything else goes to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { AppError } from '../src/errors.js';
import { openService } from '../src/cli/open-service.js';
import { createMcpServer } from '../src/integrations/mcp.js';

try {
  const { config, service } = await openService();
  const server = createMcpServer({
    service: () => service,
    defaultK: config.defaultK,
    note: (outcome) => {
      if (outcome.failure !== undefined) console.error('Tool call failed:', outcome.failure);
    },
  });
  await server.connect(new StdioServerTransport());
  console.error(`MCP server ready on stdio: ${service.index.generation.counts.articles} articles.`);
} catch (error) {
  console.error(error instanceof AppError ? error.message : `The MCP server could not start: ${(error as Error).message}`);
  process.exit(1);
}
