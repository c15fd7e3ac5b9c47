import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeQuestion, detectAnswerType } from '../src/answering/question.js';
import type { WordVectors } from '../src/embeddings/word-vectors.js';
import { findConflicts } from '../src/factcheck/conflicts.js';
import { quantities } from '../src/text/quantities.js';
import { offlineEmbedder } from './helpers.js';

let vectors: WordVectors;
beforeAll(async () => {
  vectors = await (offlineEmbedder().embeddings as import('../src/embeddings/offline-embeddings.js').OfflineEmbeddings).wordVectors();
});

describe('question analysis', () => {
  it.each([
    ['When will the jets be deployed?', 'date'],
    ['What must countries commit to when they receive equipment?', 'any'],
    ['How many countries can receive lethal arms?', 'number'],
    ['Who welcomed the decision?', 'person'],
    ['Which four ministers must sign off?', 'person'],
    ['Which countries signed transfer agreements?', 'place'],
    ['Why did Japan relax the ban?', 'reason'],
  ])('"%s" asks for %s', (question, type) => {
    expect(detectAnswerType(question)).toBe(type);
  });

  it('marks names and numbers as exact and finds the head noun', () => {
    const { focus } = analyzeQuestion('Which Japanese company builds the Mogami frigates in 2026?');
    const byWord = Object.fromEntries(focus.map((term) => [term.word, term]));
    expect(byWord.japanese!.exact).toBe(true);
    expect(byWord.mogami!.exact).toBe(true);
    expect(byWord['2026']!.exact).toBe(true);
    expect(byWord.company!.head).toBe(true);
    expect(byWord.frigates!.exact).toBe(false);
  });

  it('searches a follow-up together with the question it follows', () => {
    const history = [{ role: 'user' as const, content: 'Will Japan sell Patriot missiles?' }];
    expect(analyzeQuestion('Who welcomed that?', history).searchText).toBe('Will Japan sell Patriot missiles? Who welcomed that?');
    expect(analyzeQuestion('Which countries can receive lethal weapons from Japan now?', history).searchText).toBe('Which countries can receive lethal weapons from Japan now?');
  });
});

describe('numbers and what they count', () => {
  it('reads digits, number words and multipliers with their units', () => {
    const found = quantities('Japan signed contracts for 11 upgraded Mogami-class frigates and plans to double spending by 2027.');
    expect(found.map((quantity) => [quantity.value, quantity.year])).toEqual([
      [11, false],
      [2, false],
      [2027, true],
    ]);
    expect(found[0]!.units).toContain('frigat');
  });
});

describe('conflicts between a claim and a sentence', () => {
  const sentence = 'The rule change follows Japan’s weekend announcement that it had signed contracts with Australia for the sale of 11 upgraded Mogami-class frigates.';

  it('finds a different number for the same thing', () => {
    expect(findConflicts('Japan signed contracts with Australia for 20 frigates.', sentence, vectors).map((c) => [c.kind, c.claim, c.article])).toEqual([['number', '20', '11']]);
  });

  it('finds a different name of the same kind, not a missing name of another kind', () => {
    expect(findConflicts('Japan signed contracts with Canada for 11 frigates.', sentence, vectors).map((c) => [c.kind, c.claim, c.article])).toEqual([['entity', 'Canada', 'Australia']]);
    expect(findConflicts('Japan signed contracts with Australia for 11 frigates, Hayashi said.', sentence, vectors)).toEqual([]);
  });

  it('finds a different year', () => {
    const jets = 'The jets are expected to be deployed by 2035.';
    expect(findConflicts('The jets will be deployed by 2040.', jets, vectors).map((c) => c.kind)).toEqual(['date']);
    expect(findConflicts('The jets will be deployed by 2035.', jets, vectors)).toEqual([]);
  });

  it('finds the opposite action and a negation of the same thing, but not an unrelated negation', () => {
    const welcomed = 'Jake Sullivan said that the U.S. welcomed the decision to sell the Patriots.';
    expect(findConflicts('Sullivan criticized the decision to sell the Patriots.', welcomed, vectors).map((c) => c.kind)).toEqual(['polarity']);
    expect(findConflicts('The U.S. did not welcome the decision.', welcomed, vectors).map((c) => c.kind)).toEqual(['polarity']);
    const lifted = 'Those export prohibitions were lifted in 2014, provided the countries are not communist blocs.';
    expect(findConflicts('Export prohibitions were lifted in 2014.', lifted, vectors)).toEqual([]);
  });
});
