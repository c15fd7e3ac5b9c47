// npm run build: the compiled server that `npm start` runs. TypeScript goes through tsc into
// dist/, and the chat widget is bundled here once, so the server never runs esbuild itself.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWidget } from '../src/server/site.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
// Read by scripts/ensure-build.mjs; written last, so an interrupted build is redone.
const stamp = join(dist, 'build-stamp');
// The compiled site module (dist/src/server/site.js) looks for the bundle here.
const widgetBundle = join(dist, 'widget', 'widget.js');

const started = performance.now();
// A clean directory: no compiled file outlives the source it came from.
await rm(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
await mkdir(dirname(widgetBundle), { recursive: true });
await writeFile(widgetBundle, (await buildWidget()).code);
// The compiled PostgreSQL backend applies its schema from dist/migrations.
await cp(join(root, 'migrations'), join(dist, 'migrations'), { recursive: true });
await writeFile(stamp, `${new Date().toISOString()}\n`);
console.error(`Built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
