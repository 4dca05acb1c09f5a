/**
 * The production build of the web app is reused unless a source it is built from is newer than it, so the
 * supervisor and the end-to-end tests build only when they must.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIRS = ['app', 'components', 'lib'];
const SOURCE_FILES = ['next.config.mjs', 'package.json', 'postcss.config.mjs', 'tsconfig.json'];

export function webBuildIsStale(root: string): boolean {
  const buildId = join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const newer = (dir: string): boolean =>
    existsSync(dir) &&
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newer(path) : statSync(path).mtimeMs > builtAt;
    });
  return (
    SOURCE_DIRS.some((dir) => newer(join(root, dir))) ||
    SOURCE_FILES.some((file) => existsSync(join(root, file)) && statSync(join(root, file)).mtimeMs > builtAt)
  );
}

export const nextBin = (root: string) => join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
