// Validation shared by every loader: ids, dates and required fields.
import { CorpusFileError } from '../errors.js';
import type { Article, ArticleMetadata } from '../types.js';

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** A file stem turned into an id: lower-case letters, digits and hyphens. */
export function idFromFileStem(stem: string): string {
  return stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function validateId(file: string, id: string): string {
  if (!ID_PATTERN.test(id)) {
    throw new CorpusFileError(file, `id "${id}" must use only lower-case letters, digits and hyphens (e.g. "fighter-jet-exports")`);
  }
  return id;
}

/** Accepts YYYY, YYYY-MM or YYYY-MM-DD, or an ISO timestamp (reduced to its date). */
export function normalizePublished(file: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
  const candidate = /^\d{4}-\d{2}-\d{2}T/.test(text) ? text.slice(0, 10) : text;
  if (!DATE_PATTERN.test(candidate)) {
    throw new CorpusFileError(file, `published "${text}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`);
  }
  return candidate;
}

/** The parts of a normalised publication date: "2024-03" is year 2024, month 3. */
export function publicationParts(published: string): { year: number; month?: number; day?: number } {
  const [year, month, day] = published.split('-').map(Number) as [number, number?, number?];
  return { year, ...(month ? { month } : {}), ...(day ? { day } : {}) };
}

export function optionalString(file: string, field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new CorpusFileError(file, `front matter field "${field}" must be text`);
  }
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** Drops absent fields so metadata never carries `undefined` placeholders. */
export function compactMetadata(metadata: ArticleMetadata): ArticleMetadata {
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined)) as unknown as ArticleMetadata;
}

/** An article's metadata without its text and exclusions. */
export function articleMetadata(article: Article): ArticleMetadata {
  const { id, title, publisher, published, publishedNote, url } = article;
  return compactMetadata({ id, title, publisher, published, publishedNote, url });
}

/** "fighter-jet-exports" -> "Fighter jet exports": a title derived from the id, never invented. */
export function titleFromId(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Article links are shown to readers, so only http(s) addresses are accepted. */
export function validateUrl(file: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^https?:\/\/[^\s]+$/i.test(value)) throw new CorpusFileError(file, `url "${value}" must be an http(s) address such as https://example.com/article`);
  return value;
}
