// Deterministic distractor articles for scale benchmarks: plausible news-like sentences on
// unrelated topics, so the index grows without changing what the real articles say.
import { mkdir, writeFile, cp } from 'node:fs/promises';
import { join } from 'node:path';

const SUBJECTS = ['The city council', 'A regional bank', 'The football club', 'Local farmers', 'The weather service', 'A software company', 'The museum', 'Health officials', 'The orchestra', 'Railway operators', 'A shipping firm', 'The university'];
const VERBS = ['announced', 'reported', 'postponed', 'approved', 'criticised', 'celebrated', 'reviewed', 'expanded', 'cancelled', 'launched'];
const OBJECTS = ['a new schedule', 'record harvest figures', 'plans for a bridge', 'a budget for libraries', 'an exhibition of paintings', 'changes to parking rules', 'a recycling programme', 'late trains', 'a summer festival', 'higher ticket prices', 'a flood warning', 'new bicycle lanes'];
const DETAILS = ['after months of debate', 'on Thursday', 'despite heavy rain', 'to the surprise of residents', 'for the third year running', 'ahead of the holidays', 'following complaints', 'with support from volunteers'];

function generator(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

export function syntheticArticle(index: number, sentences = 24): string {
  const random = generator(index * 7919 + 17);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const lines = [`Local report ${index}: ${pick(SUBJECTS).toLowerCase()} ${pick(VERBS)} ${pick(OBJECTS)}`];
  for (let i = 0; i < sentences; i++) {
    lines.push(`${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(DETAILS)}, and ${Math.floor(random() * 900 + 100)} people took part.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `count` distractor articles plus a copy of the real corpus into `directory`. */
export async function writeScaledCorpus(directory: string, realCorpus: string, count: number): Promise<void> {
  await mkdir(directory, { recursive: true });
  await cp(realCorpus, directory, { recursive: true });
  for (let start = 0; start < count; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, count - start) }, (_, i) => writeFile(join(directory, `synthetic-${String(start + i).padStart(5, '0')}.txt`), syntheticArticle(start + i))),
    );
  }
}
