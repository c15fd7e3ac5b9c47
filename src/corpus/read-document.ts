// A document someone wants checked (an upload or a file named on the command line), read by the
// same loaders as ingest: the text the offsets count in, and what kind of file it came from.
import { extname } from 'node:path';
import { LIMITS } from '../config.js';
import { CorpusFileError, InputError, UnsupportedMediaError, WorkLimitError } from '../errors.js';
import type { ParseOptions } from './loaders.js';

/** A file name as it may appear in a message: a client's name is bounded. */
function shown(text: string, limit = 80): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}

export const DOCUMENT_TYPES = ['.md', '.markdown', '.txt', '.html', '.htm', '.pdf'] as const;

export interface DocumentSource {
  kind: 'text' | 'upload' | 'file';
  /** For files: the name as given, and the format it was read as. */
  fileName?: string;
  format?: string;
  /** Title found in the file's metadata, if any. */
  title?: string;
}

/** The extension decides the loader, as for corpus files: MIME types for .md vary too much between browsers. */
export function documentType(fileName: string): string | undefined {
  const extension = extname(fileName).toLowerCase();
  return (DOCUMENT_TYPES as readonly string[]).includes(extension) ? extension : undefined;
}

export function unsupportedType(fileName: string): UnsupportedMediaError {
  return new UnsupportedMediaError('unsupported_file_type', `"${shown(fileName)}" is not a file type that can be checked; use a ${DOCUMENT_TYPES.join(', ')} file.`);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8Text(content: Buffer): boolean {
  try {
    return !UTF8.decode(content).includes('\u0000');
  } catch {
    return false;
  }
}

/** Binary multiples as people read them: 262144 -> "256 KiB". */
export function byteSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

/**
 * Uploads are held to the work limits of one check before their text is extracted: a text file
 * by its size, a PDF by its page count and then by its text, read only until it is over the limit.
 * Files named on the command line are the user's own and read whole.
 */
function uploadLimits(content: Buffer, name: string, extension: string): ParseOptions {
  if (extension === '.pdf') return { maxPages: LIMITS.maxUploadPdfPages, maxChars: LIMITS.maxDocumentChars };
  if (content.length > LIMITS.maxUploadTextBytes) {
    throw new WorkLimitError(
      'file_too_large',
      `The file "${name}" is ${content.length} bytes, over the ${byteSize(LIMITS.maxUploadTextBytes)} limit for ${extension} uploads (PDFs may be up to ${byteSize(LIMITS.maxUploadBytes)}); check a shorter document or paste its text.`,
      LIMITS.maxUploadTextBytes,
      content.length,
    );
  }
  return {};
}

export async function readDocument(content: Buffer, fileName: string, kind: 'upload' | 'file'): Promise<{ text: string; source: DocumentSource }> {
  const name = shown(fileName);
  const extension = documentType(fileName);
  if (!extension) throw unsupportedType(fileName);
  if (content.length === 0) throw new InputError('empty_file', `The file "${name}" is empty; send the document with its text.`);
  const options: ParseOptions = { draft: true, ...(kind === 'upload' ? uploadLimits(content, name, extension) : {}) };
  if (extension !== '.pdf' && !isUtf8Text(content)) throw new UnsupportedMediaError('unsupported_charset', `The file "${name}" is not UTF-8 text; save it as UTF-8, or send a PDF as .pdf.`);
  // The loaders bring in the HTML and PDF libraries: loaded on first use, not when the server starts.
  const { PARSERS } = await import('./loaders.js');
  const { idFromFileStem } = await import('./metadata.js');
  const stem = fileName.slice(fileName.lastIndexOf('/') + 1, fileName.length - extension.length);
  let loaded;
  try {
    loaded = await PARSERS[extension]!(content, name, idFromFileStem(stem) || 'document', options);
  } catch (error) {
    if (error instanceof CorpusFileError) throw new InputError('unreadable_file', `The file could not be read: ${shown(error.reason, 200)}.`);
    throw error;
  }
  if (loaded.text.trim() === '') throw new InputError('no_text_in_file', `No text was found in "${name}"${extension === '.pdf' ? ' (a scanned PDF has no text layer)' : ''}; send a file with text, or paste it.`);
  return { text: loaded.text, source: { kind, fileName, format: extension, title: loaded.metadata.title } };
}
