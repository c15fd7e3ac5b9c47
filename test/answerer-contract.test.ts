// One suite run against every answerer: the citation contract holds whatever produced the text.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citationProblems } from '../src/grounding/citations.js';
import { readEvalQuestions } from '../src/eval/answer-eval.js';
import { ingest } from '../src/index-store/ingest.js';
import { createQaService, type QaService } from '../src/qa-service.js';
import { articlesOf, offlineEmbedder, testConfig, testService } from './helpers.js';
import { llmSettings, startFakeOpenAI } from './fake-openai.js';

async function llmService(): Promise<QaService> {
  const fake = await startFakeOpenAI();
  // A stand-in model that restates the first sentence of the best passage and cites it.
  fake.setChat((info) => {
    const first = info.passages.get(1);
    if (!first) return { content: 'NOT_IN_ARTICLES' };
    const sentence = first.split(/(?<=[.!?])\s/)[0]!.replace(/^[-*]\s+/, '');
    return { content: `${sentence} [1]` };
  });
  const config = await testConfig(llmSettings(fake));
  await ingest({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder: offlineEmbedder() });
  return createQaService(config, offlineEmbedder());
}

const answerers: [string, () => Promise<QaService>][] = [
  ['extractive', async () => (await testService()).service],
  ['llm', llmService],
];

describe.each(answerers)('the %s answerer', (mode, open) => {
  it('keeps the citation contract on every eval question', async () => {
    const service = await open();
    const questions = await readEvalQuestions(resolve('eval/questions.json'));
    let answered = 0;
    for (const item of questions) {
      const answer = await service.ask({ question: item.question, history: item.history ?? [] });
      expect(citationProblems(answer, (await articlesOf(service)))).toEqual([]);
      expect(['extractive', 'llm']).toContain(answer.mode);
      if (!answer.refused) {
        answered++;
        expect(answer.citations.length).toBeGreaterThan(0);
        for (const citation of answer.citations) expect(citation.published).toBe((await articlesOf(service)).get(citation.articleId)!.published);
        // No sentence is quoted twice, as an answer and again as the one another leans on.
        if (mode === 'extractive') {
          const markers = [...answer.answer.matchAll(/\[(\d+)\]/g)].map((marker) => marker[1]);
          expect(new Set(markers).size, item.question).toBe(markers.length);
        }
      }
    }
    expect(answered).toBeGreaterThan(questions.length / 2);
    if (mode === 'llm') expect((await service.ask({ question: questions[0]!.question })).mode).toBe('llm');
  });
});
