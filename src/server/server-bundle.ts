// The server as `npm start` runs it: src/server/main.ts and everything it imports bundled by
// esbuild into dist/server/main.js, with code that only some requests need (MCP, document
// parsing, the database backend) in chunks beside it, loaded on first use.
// Node then reads and compiles a few files instead of resolving several hundred modules at
// every start. Native and data-carrying packages stay outside, loaded from node_modules.
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Packages the bundle loads from node_modules: native code, optional native code, files found
 * beside their own code at run time (pdfjs-dist starts its worker from pdf.worker.mjs), only
 * needed to build, or LangChain, whose OpenAI client is loaded from node_modules when a key is
 * set and must meet the same copy of @langchain/core as the offline embedder.
 */
const EXTERNAL = ['hnswlib-node', 'pg-native', 'esbuild', 'wink-eng-lite-web-model', 'pino-pretty', 'typescript', 'pdf-parse', 'pdfjs-dist', '@langchain/*'];

/**
 * Modules find files beside themselves through import.meta.url (the widget bundles, the
 * migrations, packages through createRequire). In the bundle each module's import.meta.url is
 * made the URL of its own compiled file under dist/, so those paths stay what they are unbundled.
 */
function compiledLocations(root: string, bundleDir: string): Plugin {
  return {
    name: 'compiled-locations',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const compiled = join(root, 'dist', relative(root, args.path)).replace(/\.ts$/, '.js');
        const url = relative(bundleDir, compiled).split(sep).join('/');
        return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(url)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

export async function bundleServer(root: string, dist: string): Promise<void> {
  const { build } = await import('esbuild');
  const outdir = join(dist, 'server');
  await build({
    entryPoints: { main: join(root, 'src', 'server', 'main.ts') },
    outdir,
    // Beside main.js: every file of the bundle has the same import.meta.url directory.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
    banner: { js: "import { createRequire as createBundleRequire } from 'node:module';\nconst require = createBundleRequire(import.meta.url);" },
    plugins: [compiledLocations(root, outdir)],
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}
