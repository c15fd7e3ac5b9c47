// npm run fit:ranker
// Fits the sentence-ranking weights (RANKER in src/grounding/tuning.ts) on the dev splits only,
// reports how often each question's top sentence holds a key fact with today's weights and with
// the fitted ones, on each dev split held out from a fit on the others, and prints the weights
// fitted on all dev splits for tuning.ts. The test split is never read.
import { ExtractiveAnswerer } from '../src/answering/extractive-answerer.js';
import { createEmbedder } from '../src/embeddings/create-embeddings.js';
import { containsFact } from '../src/eval/answer-eval.js';
import { fitRanker, topOneAccuracy, type RankerWeights, type RankingGroup } from '../src/eval/fit-ranker.js';
import { openSplitService, readSplit, type SplitName } from '../src/eval/splits.js';
import { candidateSentences } from '../src/grounding/candidates.js';
import { FEATURE_NAMES } from '../src/grounding/sentence-ranking.js';
import { RANKER } from '../src/grounding/tuning.js';

const DEV_SPLITS: SplitName[] = ['dev-seed', 'dev-new', 'dev-more'];

async function groupsOf(split: SplitName): Promise<RankingGroup[]> {
  const opened = await openSplitService(split, {});
  const data = await readSplit(split);
  if (!opened || !data) return [];
  const { service, config } = opened;
  const answerer = new ExtractiveAnswerer({ grounding: service.grounding, embeddings: createEmbedder(config).embeddings });
  const groups: RankingGroup[] = [];
  for (const item of data.questions) {
    if (item.answerable === false || !item.facts?.length) continue;
    const request = { question: item.question, history: item.history ?? [] };
    const analysis = service.grounding.questions.analyze(request.question, request.history);
    if (analysis.empty) continue;
    const candidates = candidateSentences(await service.retrieve(request));
    const scoredParts = await answerer.scoreSentences(analysis, candidates);
    analysis.parts.forEach((part, i) => {
      const { eligible } = answerer.eligible(part, scoredParts[i]!);
      if (eligible.length < 2) return;
      groups.push({
        id: `${split}/${item.id}/${i}`,
        features: eligible.map((entry) => entry.features),
        relevant: eligible.map((entry) => item.facts!.some((fact) => containsFact(entry.sentence.text, fact))),
      });
    });
  }
  return groups;
}

const bySplit = new Map<SplitName, RankingGroup[]>();
for (const split of DEV_SPLITS) bySplit.set(split, await groupsOf(split));
const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

console.log('top sentence holds a key fact (question parts with two or more eligible sentences):');
console.log('held out    groups  current  fitted on the other dev splits');
for (const split of DEV_SPLITS) {
  const heldOut = bySplit.get(split)!;
  const training = DEV_SPLITS.filter((other) => other !== split).flatMap((other) => bySplit.get(other)!);
  const fitted = fitRanker(training, RANKER);
  console.log(`${split.padEnd(10)} ${String(heldOut.length).padStart(7)}  ${percent(topOneAccuracy(heldOut, RANKER)).padStart(7)}  ${percent(topOneAccuracy(heldOut, fitted)).padStart(7)}`);
}
const all = [...bySplit.values()].flat();
const fitted: RankerWeights = fitRanker(all, RANKER);
console.log(`all dev    ${String(all.length).padStart(7)}  ${percent(topOneAccuracy(all, RANKER)).padStart(7)}  ${percent(topOneAccuracy(all, fitted)).padStart(7)} (fitted on all, in-sample)`);
console.log('\nRANKER fitted on all dev splits:');
console.log(`{\n${FEATURE_NAMES.map((name) => `  ${name}: ${fitted[name].toFixed(3)},`).join('\n')}\n}`);
