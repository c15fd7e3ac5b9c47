// The service behind every interface (HTTP, CLI, eval): retrieve passages, answer with
// citations, check the citations, and look up articles.
import type { Config } from './config.js';
import { LIMITS } from './config.js';
import { createEmbedder, type Embedder, type EmbedderSettings } from './embeddings/create-embeddings.js';
import { OfflineEmbeddings } from './embeddings/offline-embeddings.js';
import { openSearchIndex, type IndexSettings } from './index-store/open-index.js';
import type { SearchIndex } from './index-store/search-index.js';
import { HybridRetriever, type Retriever } from './retrieval/hybrid-retriever.js';
import type { Answerer } from './answering/answerer.js';
import { citationProblems } from './grounding/citations.js';
import { loadGrounding, type Grounding } from './grounding/grounding.js';
import { ExtractiveAnswerer } from './answering/extractive-answerer.js';
import { LlmAnswerer } from './answering/llm-answerer.js';
import { AppError } from './errors.js';
import { articleMetadata } from './corpus/metadata.js';
import { ExtractiveFactChecker } from './factcheck/extractive-checker.js';
import { LlmFactChecker } from './factcheck/llm-checker.js';
import { createChatModel } from './llm/chat-model.js';
import type { FactChecker, Verdict } from './factcheck/verdict.js';
import { searchTerms, type QuestionAnalysis } from './grounding/question.js';
import type { Answer, Article, ArticleMetadata, ChatTurn, Citation, Passage } from './types.js';

export interface AskRequest {
  question: string;
  history?: ChatTurn[];
  k?: number;
}

export interface QaServiceParts {
  index: SearchIndex;
  retriever: Retriever;
  answerer: Answerer;
  factChecker: FactChecker;
  grounding: Grounding;
  defaultK: number;
}

export class QaService {
  readonly index: SearchIndex;
  private readonly retriever: Retriever;
  private readonly answerer: Answerer;
  private readonly factChecker: FactChecker;
  /** The grounding core of the loaded index (question analysis, judge), shared with the eval tools. */
  readonly grounding: Grounding;
  /** Passages retrieved for a question that does not choose k. */
  readonly defaultK: number;

  constructor(parts: QaServiceParts) {
    this.index = parts.index;
    this.retriever = parts.retriever;
    this.answerer = parts.answerer;
    this.factChecker = parts.factChecker;
    this.grounding = parts.grounding;
    this.defaultK = parts.defaultK;
  }

  /** The passages a question retrieves (follow-ups search with the previous question too). */
  async retrieve(request: AskRequest): Promise<Passage[]> {
    return this.retrieveFor(request, this.grounding.questions.analyze(request.question, request.history ?? []));
  }

  private retrieveFor(request: AskRequest, analysis: QuestionAnalysis): Promise<Passage[]> {
    const k = Math.min(request.k ?? this.defaultK, LIMITS.maxK);
    if (analysis.empty) return Promise.resolve([]);
    // A follow-up or a repaired question is searched as typed and as understood; a question of
    // several parts ("when was it founded and what did it make") also part by part, each keeping its best match.
    const parts = analysis.parts.length > 1 ? analysis.parts.map((part) => part.hypothesis.analysis.text) : [];
    return this.retriever.retrieve([...new Set([request.question, ...parts, analysis.searchText].map(searchTerms))], k);
  }

  async ask(request: AskRequest): Promise<Answer> {
    const history = request.history ?? [];
    const analysis = this.grounding.questions.analyze(request.question, history);
    const passages = await this.retrieveFor(request, analysis);
    const answer = await this.answerer.answer({ question: request.question, history, passages, analysis });
    const problems = citationProblems(answer, await this.citedArticles(answer.citations));
    if (problems.length > 0) {
      // Composition makes this impossible; if it ever happens, no unverifiable answer leaves.
      throw new AppError('citation_check_failed', `The answer failed its citation check: ${problems.join('; ')}`);
    }
    return answer;
  }

  async factcheck(claim: string): Promise<Verdict> {
    const verdict = await this.factChecker.check(claim);
    const problems = citationProblems(
      { answer: verdict.explanation, refused: verdict.verdict === 'not_enough_info', mode: verdict.mode, citations: verdict.citations },
      await this.citedArticles(verdict.citations),
    );
    if (problems.length > 0) throw new AppError('citation_check_failed', `The verdict failed its citation check: ${problems.join('; ')}`);
    return verdict;
  }

  /** The stored articles the citations name, read back from the index rather than trusted from the answerer. */
  private citedArticles(citations: readonly Citation[]): Promise<Map<string, Article>> {
    return this.index.articlesById(new Set(citations.map((citation) => citation.articleId)));
  }

  listArticles(): Promise<ArticleMetadata[]> {
    return this.index.listArticles();
  }

  async getArticle(id: string): Promise<(ArticleMetadata & { text: string }) | undefined> {
    const article = await this.index.article(id);
    return article ? { ...articleMetadata(article), text: article.text } : undefined;
  }
}

/** What building the service reads from the configuration. */
export type QaServiceSettings = EmbedderSettings & IndexSettings & Pick<Config, 'answerer' | 'defaultK'>;

/** Loads the index for the configured embedder and wires retrieval and answering. */
export async function createQaService(config: QaServiceSettings, embedder: Embedder = createEmbedder(config)): Promise<QaService> {
  const index = await openSearchIndex(config, { id: embedder.id, dimensions: embedder.dimensions });
  return wireService(config, embedder, index);
}

async function wireService(config: QaServiceSettings, embedder: Embedder, index: SearchIndex): Promise<QaService> {
  const offline = embedder.embeddings instanceof OfflineEmbeddings ? embedder.embeddings : new OfflineEmbeddings({ cacheDir: config.cacheDir });
  const vectors = await offline.wordVectors();
  const grounding = await loadGrounding(config.cacheDir, vectors, index.termStatistics, index.metadataWords);
  const extractive = new ExtractiveAnswerer({ grounding, embeddings: offline });
  // One chat client (one connection pool) serves answers and verdicts.
  const model = config.answerer === 'llm' ? createChatModel(config.openai) : undefined;
  const timeoutMs = config.openai.timeoutMs;
  const answerer = model ? new LlmAnswerer({ model, fallback: extractive, grounding, timeoutMs }) : extractive;
  const retriever = new HybridRetriever(index, embedder.embeddings);
  const offlineChecker = new ExtractiveFactChecker(retriever, grounding);
  const factChecker = model ? new LlmFactChecker({ model, retriever, fallback: offlineChecker, grounding, timeoutMs }) : offlineChecker;
  return new QaService({ index, retriever, answerer, factChecker, grounding, defaultK: config.defaultK });
}
