// The steps every backend's ingest shares: reading the corpus in a fixed order, telling changed
// articles from unchanged ones, embedding in batches, and timing the stages.
import { loadCorpus, type CorpusFailure } from '../corpus/load-corpus.js';
import type { Embedder } from '../embeddings/create-embeddings.js';
import type { Article } from '../types.js';
import { sha256 } from './durable-files.js';
import type { HnswParameters } from './vector-index.js';

export type IngestStage = 'reading' | 'embedding' | 'indexing' | 'writing';

export type ProgressListener = (stage: IngestStage, done: number, total: number) => void;

/** What every backend's ingest is given. */
export interface IngestInputs {
  corpusDir: string;
  embedder: Embedder;
  hnsw?: Partial<HnswParameters>;
  onProgress?: ProgressListener;
  /** Where notices go (a stale lock taken over, crash leftovers removed, migrations applied); stderr by default. */
  log?: (line: string) => void;
}

export interface IngestSummary {
  articles: number;
  chunks: number;
  reusedArticles: number;
  embeddedChunks: number;
  failures: CorpusFailure[];
  /** False when the corpus matched the current index and nothing was written. */
  published: boolean;
  generation?: string;
  indexBytes: number;
  seconds: number;
  /** Where the time went, in seconds per stage. */
  stageSeconds: Partial<Record<IngestStage, number>>;
}

/** Chunks embedded per call: small enough to report progress, large enough to batch remote calls. */
export const EMBED_BATCH = 256;

export function contentHash(article: Article, chunking: string): string {
  const { sourceFile: _file, ...content } = article;
  return sha256(`${chunking}\n${JSON.stringify(content)}`);
}

/** Progress that also times the stages: a stage runs from its first report to the next stage's. */
export class StageClock {
  readonly started = performance.now();
  private readonly seconds: Partial<Record<IngestStage, number>> = {};
  private stage?: IngestStage;
  private stageStarted = this.started;

  constructor(private readonly listener?: ProgressListener) {}

  readonly progress: ProgressListener = (stage, done, total) => {
    if (stage !== this.stage) {
      this.close();
      this.stage = stage;
    }
    this.listener?.(stage, done, total);
  };

  /** Ends the running stage; returns the seconds per stage so far. */
  close(): Partial<Record<IngestStage, number>> {
    const now = performance.now();
    if (this.stage) this.seconds[this.stage] = (this.seconds[this.stage] ?? 0) + (now - this.stageStarted) / 1000;
    this.stage = undefined;
    this.stageStarted = now;
    return this.seconds;
  }

  elapsedSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}

/** The corpus in id order: the order of chunks in a generation, whatever order the files come in. */
export async function readSortedCorpus(corpusDir: string, progress: ProgressListener): Promise<{ articles: Article[]; failures: CorpusFailure[] }> {
  const { articles, failures } = await loadCorpus(corpusDir, (done, total) => progress('reading', done, total));
  return { articles: articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), failures };
}

/** Embeds texts in batches, checking that every vector has the same size; `onBatch` receives each batch's vectors. */
export async function embedInBatches(
  embedder: Embedder,
  texts: readonly string[],
  progress: ProgressListener,
  onBatch: (vectors: number[][], offset: number) => Promise<void> | void,
): Promise<number | undefined> {
  let dimensions: number | undefined;
  progress('embedding', 0, texts.length);
  for (let offset = 0; offset < texts.length; offset += EMBED_BATCH) {
    const vectors = await embedder.embeddings.embedDocuments(texts.slice(offset, offset + EMBED_BATCH));
    for (const vector of vectors) {
      dimensions ??= vector.length;
      if (vector.length !== dimensions) throw new Error(`The embedder returned vectors of ${vector.length} and ${dimensions} dimensions.`);
    }
    await onBatch(vectors, offset);
    progress('embedding', Math.min(offset + EMBED_BATCH, texts.length), texts.length);
  }
  return dimensions;
}
