// LangChain access to the service: ExportRulesRetriever (its hybrid search as Documents carrying
// the article and the chunk's offsets) and the operations of tools.ts as LangChain tools, whose
// results are the cited text for the model and the structured result as the message's artifact.
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import { LIMITS } from '../config.js';
import { ConfigError, InputError } from '../errors.js';
import type { QaService } from '../qa-service.js';
import { createToolRunner, TOOL_DEFINITIONS, type ToolName, type ToolRunner } from './tools.js';

export interface LinkOptions {
  /** The server's origin (such as http://localhost:3000), making viewer links absolute; paths on the server when not given. */
  origin?: string;
}

export interface ExportRulesRetrieverInput extends BaseRetrieverInput, LinkOptions {
  service: QaService;
  /** Passages per query (1 to 20); the service's default when not given. */
  k?: number;
}

/** What each retrieved Document says about where its text comes from. */
export interface PassageMetadata {
  articleId: string;
  title: string;
  publisher?: string;
  published?: string;
  /** Where the article was published. */
  url?: string;
  /** The chunk's character offsets in the article text: pageContent === text.slice(start, end). */
  start: number;
  end: number;
  score: number;
  /** The article viewer with the passage highlighted. */
  link: string;
}

export class ExportRulesRetriever extends BaseRetriever<PassageMetadata> {
  override lc_namespace = ['export_rules_qa', 'retrievers'];
  private readonly runner: ToolRunner;
  private readonly k: number | undefined;

  static override lc_name(): string {
    return 'ExportRulesRetriever';
  }

  constructor(fields: ExportRulesRetrieverInput) {
    super(fields);
    if (fields.k !== undefined && (!Number.isInteger(fields.k) || fields.k < 1 || fields.k > LIMITS.maxK)) {
      throw new ConfigError(`ExportRulesRetriever: k=${fields.k} is not valid; give a whole number from 1 to ${LIMITS.maxK}, or leave it out for the service's default (${fields.service.defaultK}).`);
    }
    this.k = fields.k;
    this.runner = createToolRunner({ service: () => fields.service, defaultK: fields.service.defaultK, origin: fields.origin });
  }

  override async _getRelevantDocuments(query: string): Promise<Document<PassageMetadata>[]> {
    const { data } = await this.runner.search_articles({ query, k: this.k });
    return (data.results as (PassageMetadata & { n: number; quote: string })[]).map(
      ({ n: _n, quote, ...metadata }) => new Document<PassageMetadata>({ id: `${metadata.articleId}:${metadata.start}-${metadata.end}`, pageContent: quote, metadata }),
    );
  }
}

/**
 * search_articles, ask, fact_check and get_article as LangChain tools. A tool's content is the
 * cited text (answer, numbered sources, viewer links); its artifact the structured result with the
 * citations. A request the model can correct (a blank question, an unknown article id, a span
 * outside the text) comes back as an error message it can read, not as a failed run.
 */
export function createExportRulesTools(service: QaService, options: LinkOptions = {}): StructuredToolInterface[] {
  const runner = createToolRunner({ service: () => service, defaultK: service.defaultK, origin: options.origin });
  const asTool = (name: ToolName): StructuredToolInterface => {
    const { description, input } = TOOL_DEFINITIONS[name];
    const run = runner[name] as (args: unknown) => ReturnType<ToolRunner[ToolName]>;
    return tool(
      async (args: unknown) => {
        try {
          const { text, data } = await run(args);
          return [text, data];
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          return [`Error: ${error.message}`, { error: { code: error.code, message: error.message } }];
        }
      },
      { name, description, schema: z.object(input), responseFormat: 'content_and_artifact' },
    ) as StructuredToolInterface;
  };
  return [asTool('search_articles'), asTool('ask'), asTool('fact_check'), asTool('get_article')];
}
