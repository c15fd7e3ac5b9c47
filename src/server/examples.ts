// The example questions and claims offered to new readers on the demo page and in the widget's
// greeting. They come from a small YAML file kept with the corpus (EXAMPLES_FILE), not from code.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors.js';

export interface Examples {
  questions: string[];
  claims: string[];
}

/** Enough to show what the service does; more would crowd the greeting. */
export const MAX_EXAMPLES = 6;
/** Examples are buttons: a long one would fill the panel. */
export const MAX_EXAMPLE_CHARS = 200;

const EXAMPLE_KEYS: readonly (keyof Examples)[] = ['questions', 'claims'];

export const NO_EXAMPLES: Examples = { questions: [], claims: [] };

function list(path: string, data: Record<string, unknown>, field: keyof Examples): string[] {
  const value = data[field] ?? [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw new ConfigError(`${path}: "${field}" must be a list of non-empty strings, e.g.\n${field}:\n  - ${field === 'questions' ? 'Which warships is Australia buying from Japan?' : 'Australia signed contracts for Japanese frigates.'}`);
  }
  const items = value.map((item: string) => item.trim());
  if (items.length > MAX_EXAMPLES) throw new ConfigError(`${path}: "${field}" has ${items.length} entries; keep at most ${MAX_EXAMPLES}.`);
  const long = items.find((item) => item.length > MAX_EXAMPLE_CHARS);
  if (long) throw new ConfigError(`${path}: the ${field === 'questions' ? 'question' : 'claim'} "${long.slice(0, 40)}…" has ${long.length} characters; keep examples to ${MAX_EXAMPLE_CHARS}.`);
  return items;
}

/** Reads the examples file; a missing file means no examples (the greeting still shows). */
export async function loadExamples(path: string): Promise<Examples> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NO_EXAMPLES;
    throw new ConfigError(`The examples file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); fix its permissions or set EXAMPLES_FILE to another file.`);
  }
  let data: unknown;
  try {
    data = parseYaml(raw);
  } catch (error) {
    throw new ConfigError(`${path} is not valid YAML (${(error as Error).message.split('\n')[0]}); it holds "questions:" and "claims:" lists.`);
  }
  if (data === null || data === undefined) return NO_EXAMPLES;
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`${path} must be a YAML mapping with "questions:" and "claims:" lists.`);
  // A misspelt key ("question:") would otherwise leave its list silently empty.
  const unknown = Object.keys(data).filter((key) => !EXAMPLE_KEYS.includes(key as keyof Examples));
  if (unknown.length > 0) {
    throw new ConfigError(`${path}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key.slice(0, 40)}"`).join(', ')}; the file holds only "questions:" and "claims:" lists.`);
  }
  return { questions: list(path, data as Record<string, unknown>, 'questions'), claims: list(path, data as Record<string, unknown>, 'claims') };
}
