// Run by `npm start` with plain node: builds dist/ when it is missing or older than the
// sources, so `npm ci && npm start` works on a fresh clone and an edited checkout never serves
// stale code. An up-to-date build costs one directory walk.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['src', 'widget', 'migrations', 'scripts/build.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The latest modification time under a path; a directory's own time moves when a file is removed. */
function latestChange(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => latestChange(join(path, name))));
}

const built = statSync(join(root, 'dist', 'build-stamp'), { throwIfNoEntry: false })?.mtimeMs;
if (built === undefined || built < Math.max(...SOURCES.map((source) => latestChange(join(root, source))))) {
  console.error(built === undefined ? 'No build in dist/ yet: running `npm run build` ...' : 'The sources changed since the last build: running `npm run build` ...');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
}
