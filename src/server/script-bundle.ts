// The browser scripts in widget/ (the chat widget, the check page), bundled by esbuild: once by
// `npm run build` into dist/widget/, or in memory when the server runs from the sources.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Request, Response } from 'express';

export interface Bundle {
  code: string;
  etag: string;
}

/** Every entry point in widget/ that the server serves, by name (widget/NAME.ts -> /NAME.js). */
export const CLIENT_SCRIPTS = ['widget', 'check-page'] as const;
export type ClientScript = (typeof CLIENT_SCRIPTS)[number];

const RUNNING_COMPILED = import.meta.url.endsWith('.js');

const entryOf = (name: ClientScript) => fileURLToPath(new URL(`../../widget/${name}.ts`, import.meta.url));
/** Where `npm run build` writes a bundle: dist/widget/NAME.js, beside the compiled dist/src/. */
const prebuiltOf = (name: ClientScript) => fileURLToPath(new URL(`../../widget/${name}.js`, import.meta.url));

function bundleOf(code: string): Bundle {
  return { code, etag: `"${createHash('sha256').update(code).digest('hex').slice(0, 16)}"` };
}

export async function buildScript(name: ClientScript): Promise<Bundle> {
  // Imported here so the compiled server never loads esbuild or starts its service process.
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [entryOf(name)], bundle: true, minify: true, format: 'iife', target: 'es2020', write: false, legalComments: 'none' });
  return bundleOf(result.outputFiles[0]!.text);
}

/** The bundle `npm run build` made when running compiled; from the sources, a fresh one. */
export async function loadScript(name: ClientScript): Promise<Bundle> {
  if (!RUNNING_COMPILED) return buildScript(name);
  const path = prebuiltOf(name);
  try {
    return bundleOf(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`The script bundle ${path} cannot be read; run \`npm run build\`.`, { cause: error });
  }
}

/** Serves a bundle with revalidation: short caching lets deployments roll out, the ETag saves the bytes. */
export function sendScript(request: Request, response: Response, bundle: Bundle, headers: Record<string, string> = {}): void {
  response.set({ 'Content-Type': 'application/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300, must-revalidate', ETag: bundle.etag, ...headers });
  if (request.headers['if-none-match'] === bundle.etag) {
    response.status(304).end();
    return;
  }
  response.send(bundle.code);
}
