// npm run fit
// Fits the sentence-ranking weights (RANKER in src/grounding/tuning.ts) on the dev splits only;
// the test split is never read. Reports how often each question part's top eligible sentence
// holds a key fact with today's weights and with weights fitted on the other dev splits, per
// held-out dev split, then prints the weights fitted on all dev splits for tuning.ts.
import { ExtractiveAnswerer } from '../src/answering/extractive-answerer.js';
import { createEmbedder } from '../src/embeddings/create-embeddings.js';
import { containsFact } from '../src/eval/answer-eval.js';
import { fitSoftmax, topOneAccuracy, type SoftmaxGroup } from '../src/eval/fit-softmax.js';
import { DEV_SPLITS, openSplitService, readSplit, type SplitName } from '../src/eval/splits.js';
import { candidateSentences } from '../src/grounding/candidates.js';
import { FEATURE_NAMES, rankingVector } from '../src/grounding/sentence-ranking.js';
import { RANKER } from '../src/grounding/tuning.js';


async function groupsOf(split: SplitName): Promise<SoftmaxGroup[]> {
  const opened = await openSplitService(split, {});
  const data = await readSplit(split);
  if (!opened || !data) return [];
  const { service, config } = opened;
  const answerer = new ExtractiveAnswerer({ grounding: service.grounding, embeddings: createEmbedder(config).embeddings });
  const groups: SoftmaxGroup[] = [];
  for (const item of data.questions) {
    if (item.answerable === false || !item.facts?.length) continue;
    const request = { question: item.question, history: item.history ?? [] };
    const analysis = service.grounding.questions.analyze(request.question, request.history);
    if (analysis.empty) continue;
    const candidates = candidateSentences(await service.retrieve(request));
    const scoredParts = await answerer.scoreSentences(analysis, candidates);
    analysis.parts.forEach((part, i) => {
      // The ranker chooses among the sentences eligible to answer: rank exactly those.
      const { eligible } = answerer.eligible(part, scoredParts[i]!);
      if (eligible.length < 2) return;
      groups.push({
        id: `${split}/${item.id}/${i}`,
        features: eligible.map((entry) => rankingVector(entry.features)),
        target: eligible.map((entry) => item.facts!.some((fact) => containsFact(entry.sentence.text, fact))),
      });
    });
  }
  return groups;
}

const bySplit = new Map<SplitName, SoftmaxGroup[]>();
for (const split of DEV_SPLITS) bySplit.set(split, await groupsOf(split));
const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
const current = FEATURE_NAMES.map((name) => RANKER[name]);

console.log("Sentence ranking: the question part's top eligible sentence holds a key fact");
console.log('held out    groups  current  fitted on the other dev splits');
for (const split of DEV_SPLITS) {
  const heldOut = bySplit.get(split)!;
  const fitted = fitSoftmax(DEV_SPLITS.filter((other) => other !== split).flatMap((other) => bySplit.get(other)!), current);
  console.log(`${split.padEnd(10)} ${String(heldOut.length).padStart(7)}  ${percent(topOneAccuracy(heldOut, current)).padStart(7)}  ${percent(topOneAccuracy(heldOut, fitted)).padStart(7)}`);
}
const all = [...bySplit.values()].flat();
const fitted = fitSoftmax(all, current);
console.log(`all dev    ${String(all.length).padStart(7)}  ${percent(topOneAccuracy(all, current)).padStart(7)}  ${percent(topOneAccuracy(all, fitted)).padStart(7)} (fitted on all, in-sample)`);
console.log(`\nRANKER fitted on all dev splits:\n{\n${FEATURE_NAMES.map((name, i) => `  ${name}: ${fitted[i]!.toFixed(3)},`).join('\n')}\n}`);
