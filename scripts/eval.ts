// npm run eval [-- --split <name>]... [--verbose] [--show-test] [--json <file>]
// Scores answers and fact-checks on the eval splits (the dev splits and the frozen test split; see
// src/eval/splits.ts), each over an index of exactly its articles, next to a BM25 baseline.
// Prints the misses (every item with --verbose), then one table with a column per split and a
// pooled "dev (all)" column, and the dev - test gap. The test split is scored, not studied: its
// items are listed only with --show-test, so tuning on the dev splits cannot drift onto it.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { containsFact } from '../src/eval/answer-eval.js';
import { claimCorrect, devTestGap, questionCorrect, runMetrics, evaluateSplit, type Gap, type SplitMetrics, type SplitRun } from '../src/eval/split-eval.js';
import { isSplitName, openSplitService, readSplit, SPLIT_NAMES, splitFiles, type SplitName } from '../src/eval/splits.js';

const { values } = parseArgs({
  options: {
    split: { type: 'string', multiple: true },
    verbose: { type: 'boolean', default: false },
    'show-test': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const requested = values.split?.length ? values.split : [...SPLIT_NAMES];
for (const name of requested) {
  if (!isSplitName(name)) {
    console.error(`Unknown split "${name}": use one of ${SPLIT_NAMES.join(', ')}.`);
    process.exit(2);
  }
}
const splits = [...new Set(requested)] as SplitName[];

const clip = (text: string, length = 200) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
};
const factList = (facts: (string | string[])[] = []) => facts.map((fact) => (Array.isArray(fact) ? fact.join('|') : fact)).join('; ');

function printItems(run: SplitRun): void {
  if (run.split === 'test' && !values['show-test']) {
    console.log('(the test split\'s items are not listed; --show-test lists them)');
    return;
  }
  for (const record of run.questions) {
    const ok = questionCorrect(record);
    if (ok && !values.verbose) continue;
    const { item, result } = record;
    const expected = result.answerable ? `facts: ${factList(item.facts)}` : 'refusal';
    let got: string;
    if (record.error) got = `error: ${record.error}`;
    else if (result.refused) got = 'refusal';
    else if (!result.answerable) got = 'an answer';
    else if (!result.factsFound) got = `answer missing facts: ${factList((item.facts ?? []).filter((fact) => !containsFact(result.answer.answer, fact)))}`;
    else got = 'answer with every fact';
    if (record.problems.length > 0 && !record.error) got += `; citation problems: ${record.problems.join('; ')}`;
    console.log(`${ok ? 'ok  ' : 'MISS'} [${run.split}] ${item.id} ${item.question}`);
    console.log(`     expected ${expected}; got ${got}`);
    if (!record.error) console.log(`     -> ${clip(result.answer.answer)}`);
  }
  for (const record of run.claims) {
    const ok = claimCorrect(record);
    if (ok && !values.verbose) continue;
    let got = record.error ? `error: ${record.error}` : record.result!.verdict;
    if (record.problems.length > 0 && !record.error) got += `; citation problems: ${record.problems.join('; ')}`;
    console.log(`${ok ? 'ok  ' : 'MISS'} [${run.split}] ${record.item.id} ${record.item.claim}`);
    console.log(`     expected ${record.item.verdict}; got ${got}`);
    if (record.result) console.log(`     -> ${clip(record.result.explanation)}`);
  }
}

const runs: SplitRun[] = [];
for (const name of splits) {
  const data = await readSplit(name);
  const opened = data && (await openSplitService(name));
  if (!data || !opened) {
    console.log(`Skipping split ${name}: ${splitFiles(name).questionsFile} does not exist.`);
    continue;
  }
  const run = await evaluateSplit(name, opened.service, opened.config, data);
  console.log(`\n== ${name}: ${run.questions.length} questions, ${run.claims.length} claims, ${run.articles} articles, k=${run.k}, answerer=${run.answerer}`);
  printItems(run);
  runs.push(run);
}
if (runs.length === 0) {
  console.log('No split to score.');
  process.exit(0);
}

const columns: { name: string; metrics: SplitMetrics }[] = runs.map((run) => ({ name: run.split, metrics: runMetrics(run) }));
const devRuns = runs.filter((run) => run.split !== 'test');
const dev = devRuns.length > 0 ? runMetrics(...devRuns) : undefined;
if (dev) columns.push({ name: 'dev (all)', metrics: dev });
const testColumn = columns.find((column) => column.name === 'test');
const gap: Gap | undefined = dev && testColumn ? devTestGap(dev, testColumn.metrics) : undefined;

const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const points = (value: number | null) => (value === null ? '-' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} pts`);
const plain = (value: number | null) => (value === null ? '-' : value.toFixed(2));
const count = (value: number | null) => (value === null ? '-' : String(value));
const rows: [string, (metrics: SplitMetrics) => string][] = [
  ['questions (answerable)', (m) => `${m.questions} (${m.answerable})`],
  ['claims', (m) => count(m.claims)],
  ['errors', (m) => count(m.errors)],
  ['key facts', (m) => percent(m.keyFacts)],
  ['answerable refused', (m) => percent(m.answerableRefused)],
  ['unanswerable refused', (m) => percent(m.unanswerableRefused)],
  ['claims: supported', (m) => percent(m.claimAccuracy.supported)],
  ['claims: refuted', (m) => percent(m.claimAccuracy.refuted)],
  ['claims: not_enough_info', (m) => percent(m.claimAccuracy.not_enough_info)],
  ['claims: overall', (m) => percent(m.claimAccuracy.overall)],
  ['quotes and markers', (m) => percent(m.quotesAndMarkers)],
  ['marked statements (avg)', (m) => plain(m.markedStatements)],
  ['citation precision', (m) => percent(m.citationPrecision)],
  [`retrieval hit@k`, (m) => percent(m.retrievalHitAtK)],
  ['baseline key facts top-1', (m) => percent(m.baselineTop1)],
  ['baseline key facts top-2', (m) => percent(m.baselineTop2)],
  ['margin (key facts - top-2)', (m) => points(m.margin)],
];
const labelWidth = Math.max(...rows.map(([label]) => label.length));
const widths = columns.map((column) => Math.max(column.name.length, ...rows.map(([, cell]) => cell(column.metrics).length)));
const line = (label: string, cells: string[]) => `${label.padEnd(labelWidth)}  ${cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ')}`;
console.log('');
console.log(line('', columns.map((column) => column.name)));
for (const [label, cell] of rows) console.log(line(label, columns.map((column) => cell(column.metrics))));
if (gap) {
  console.log(
    `gap dev(all) - test: key facts ${points(gap.keyFacts)}, answerable refused ${points(gap.answerableRefused)}, ` +
      `unanswerable refused ${points(gap.unanswerableRefused)}, claim accuracy ${points(gap.claimAccuracy)}`,
  );
} else {
  console.log(`gap dev(all) - test: n/a (needs ${dev ? 'the test split' : 'a dev split'})`);
}

if (values.json) {
  const file = resolve(values.json);
  const report = {
    splits: Object.fromEntries(runs.map((run) => [run.split, { k: run.k, answerer: run.answerer, articles: run.articles, metrics: runMetrics(run) }])),
    devAll: dev ?? null,
    gap: gap ?? null,
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${file}`);
}
