import { beforeAll, describe, expect, it } from 'vitest';
import { citationProblems } from '../src/grounding/citations.js';
import type { QaService } from '../src/qa-service.js';
import { createApp } from '../src/server/app.js';
import { articlesOf, listen, postJson, testService } from './helpers.js';

let base: string;
let service: QaService;

beforeAll(async () => {
  ({ service } = await testService());
  base = await listen(createApp({ state: () => ({ service }), corsOrigins: [] }));
});

async function check(claim: string) {
  const response = await postJson(`${base}/api/factcheck`, { claim });
  expect(response.status).toBe(200);
  const verdict = response.body;
  expect(verdict.claim).toBe(claim);
  expect(citationProblems({ answer: verdict.explanation, refused: verdict.verdict === 'not_enough_info', mode: verdict.mode, citations: verdict.citations }, (await articlesOf(service)))).toEqual([]);
  return verdict;
}

describe('POST /api/factcheck', () => {
  it.each([
    ['fighter-jet-exports', 'The new fighter jets are expected to be deployed by 2035.'],
    ['lethal-exports-non-combat', 'Lethal weapons could be exported if the purpose falls within the five non-combat areas.'],
    ['lethal-exports-17-countries', 'Japan signed contracts with Australia for the sale of 11 upgraded Mogami-class frigates.'],
    ['patriot-missiles-to-us', 'Japan will sell Patriot air defense missiles to the U.S.'],
    ['export-rules-brief-2026', 'The government revised limits on defense equipment exports to enable the sale of weapons overseas.'],
  ])('supports a claim the %s article states, quoting it', async (articleId, claim) => {
    const verdict = await check(claim);
    expect(verdict.verdict).toBe('supported');
    expect(verdict.citations[0].articleId).toBe(articleId);
    expect(verdict.explanation).toMatch(/\[1\]/);
  });

  it.each([
    ['number', 'Japan agreed to sell 20 frigates to Australia.', '20', '11'],
    ['date', 'The new fighter jets are expected to be deployed by 2040.', '2040', '2035'],
    ['entity', 'Japan signed contracts with Canada for the sale of 11 upgraded Mogami-class frigates.', 'Canada', 'Australia'],
    ['polarity', 'US ambassador George Glass criticized the move.', 'criticized', 'welcomed'],
  ])('refutes a claim with a different %s and says what differs', async (_kind, claim, claimed, stated) => {
    const verdict = await check(claim);
    expect(verdict.verdict).toBe('refuted');
    expect(verdict.explanation).toContain(claimed);
    expect(verdict.explanation).toContain(stated);
    expect(verdict.citations.length).toBeGreaterThan(0);
  });

  it.each(['Japan agreed to sell 20 frigates to Brazil.', 'Mitsubishi Heavy Industries builds the Mogami-class frigates.', 'Emmanuel Macron praised Japan\'s arms export policy.'])(
    'has not enough information for "%s"',
    async (claim) => {
      const verdict = await check(claim);
      expect(verdict.verdict).toBe('not_enough_info');
      expect(verdict.citations).toEqual([]);
      for (const passage of verdict.related ?? []) expect(passage.quote).toBe((await articlesOf(service)).get(passage.articleId)!.text.slice(passage.start, passage.end));
    },
  );

  it.each(['July', 'one', 'at Ranai'])('says a claim of one word ("%s") is too little to check, not that an article supports it', async (claim) => {
    const verdict = await check(claim);
    expect(verdict.verdict).toBe('not_enough_info');
    expect(verdict.explanation).toMatch(/says too little to check/);
  });

  it('points to a newer article when an older one decides a claim about the rules', async () => {
    const verdict = await check('Japan only allows lethal weapons exports to countries jointly developing equipment with it.');
    expect(verdict.citations[0].published).toBe('2023-08-23');
    expect(verdict.explanation).toMatch(/A newer article \(2026-04\)/);
    expect(verdict.citations.some((citation: any) => citation.published === '2026-04')).toBe(true);
  });

  it('checks a batch of claims, one result per claim in order', async () => {
    const claims = ['Japan will sell Patriot air defense missiles to the U.S.', 'The new rules open the way for exports to 25 countries.', 'Japan exported tanks to Poland last year.'];
    const response = await postJson(`${base}/api/factcheck`, { claims });
    expect(response.status).toBe(200);
    expect(response.body.results.map((result: any) => [result.claim, result.verdict])).toEqual([
      [claims[0], 'supported'],
      [claims[1], 'refuted'],
      [claims[2], 'not_enough_info'],
    ]);
  });

  it.each([
    ['missing claim', {}, 'missing_claim'],
    ['blank claim', { claim: ' ' }, 'blank_claim'],
    ['non-string claim', { claim: ['a'] }, 'invalid_claim'],
    ['claim over the limit', { claim: 'x'.repeat(2001) }, 'claim_too_long'],
    ['both forms', { claim: 'a', claims: ['b'] }, 'invalid_body'],
    ['empty batch', { claims: [] }, 'invalid_claims'],
    ['too many claims', { claims: Array.from({ length: 21 }, (_, i) => `claim ${i}`) }, 'too_many_claims'],
    ['a blank claim in a batch', { claims: ['fine claim', ''] }, 'invalid_claims'],
    ['unknown field', { claim: 'a', strict: true }, 'unknown_field'],
  ])('rejects %s with a clear error', async (_name, body, code) => {
    const response = await postJson(`${base}/api/factcheck`, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
