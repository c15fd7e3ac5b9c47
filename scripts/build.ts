// npm run build: the compiled server that `npm start` runs. TypeScript goes through tsc into
// dist/ (the package entry point dist/src/index.js and its declarations), the server is then
// bundled over its compiled entry point dist/src/server/main.js, and the browser scripts (chat
// widget, check page) are bundled here once, so the server never runs esbuild.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScript, CLIENT_SCRIPTS } from '../src/server/script-bundle.js';
import { bundleServer } from '../src/server/server-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
// Read by scripts/ensure-build.mjs; written last, so an interrupted build is redone.
const stamp = join(dist, 'build-stamp');
// The compiled server (dist/src/server/script-bundle.js) looks for the bundles here.
const bundles = join(dist, 'widget');

const started = performance.now();
// A clean directory: no compiled file outlives the source it came from.
await rm(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
await bundleServer(root, dist);
await mkdir(bundles, { recursive: true });
for (const name of CLIENT_SCRIPTS) await writeFile(join(bundles, `${name}.js`), (await buildScript(name)).code);
// The compiled PostgreSQL backend applies its schema from dist/migrations.
await cp(join(root, 'migrations'), join(dist, 'migrations'), { recursive: true });
await writeFile(stamp, `${new Date().toISOString()}\n`);
console.error(`Built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
