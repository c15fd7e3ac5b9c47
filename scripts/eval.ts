// npm run eval [-- --verbose]: scores answers on the public eval set (eval/questions.json).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { openService } from '../src/cli/open-service.js';
import { evaluateAnswers, readEvalQuestions } from '../src/eval/answer-eval.js';
import { evaluateClaims, readEvalClaims } from '../src/eval/claim-eval.js';

const { values } = parseArgs({ options: { verbose: { type: 'boolean', default: false } } });
const { config, service } = await openService();

const questions = await readEvalQuestions(resolve('eval/questions.json'));
const { metrics, results } = await evaluateAnswers(service, questions, config.defaultK);
for (const result of results) {
  const ok = result.answerable ? result.factsFound : result.refused;
  if (values.verbose || !ok) {
    console.log(`${ok ? 'ok  ' : 'MISS'} ${result.id} ${result.question}`);
    if (!ok || values.verbose) console.log(`     -> ${result.answer.answer.slice(0, 300)}`);
  }
}
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
console.log(`\nAnswers (${metrics.questions} questions, k=${config.defaultK}, mode=${config.answerer})`);
console.log(`  retrieval hit@k     ${percent(metrics.retrievalHitAtK)}`);
console.log(`  key-fact accuracy   ${percent(metrics.keyFactAccuracy)}`);
console.log(`  citation precision  ${percent(metrics.citationPrecision)}`);
console.log(`  refusal accuracy    ${percent(metrics.refusalAccuracy)}`);
console.log(`  quote validity      ${percent(metrics.quoteValidity)}`);

const claims = await readEvalClaims(resolve('eval/claims.json'));
const checked = await evaluateClaims(service, claims);
for (const { item, result, correct } of checked.results) {
  if (values.verbose || !correct) {
    console.log(`${correct ? 'ok  ' : 'MISS'} ${item.id} expected ${item.verdict}, got ${result.verdict}: ${item.claim}`);
    if (!correct || values.verbose) console.log(`     -> ${result.explanation.slice(0, 300)}`);
  }
}
const claimMetrics = checked.metrics;
console.log(`\nFact-checks (${claimMetrics.claims} claims)`);
console.log(`  verdict accuracy            ${percent(claimMetrics.accuracy)}`);
for (const [label, value] of Object.entries(claimMetrics.accuracyByClass)) console.log(`    ${label.padEnd(24)}  ${percent(value)}`);
console.log(`  citation validity           ${percent(claimMetrics.citationValidity)}`);
console.log(`  citations from deciding article ${percent(claimMetrics.citationRelevance)}`);
