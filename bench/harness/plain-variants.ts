/**
 * The speed tricks the `tricks` section weighs (sections/tricks-section.ts), each with the plain code it would be
 * replaced by (bench/plain/): a build "without" a trick is the same bundle with the trick's module swapped for the
 * plain one at bundling time, so nothing in the product reads a switch.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';

export interface Trick {
  name: string;
  /** The trick's module, relative to the repository root. */
  source: string;
}

/** A module the bundler swaps for bench/plain/<its file name>. */
export function plainModules(root: string, sources: readonly string[]): Plugin {
  const swaps = new Map(
    sources.map((source) => [resolve(root, source), join(root, 'bench/plain', source.split('/').pop()!)]),
  );
  return {
    name: 'plain-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.importer.startsWith(join(root, 'bench/plain'))) return undefined;
        const target = resolve(args.resolveDir, args.path);
        const plain = swaps.get(target.endsWith('.ts') ? target : `${target}.ts`);
        if (plain === undefined) return undefined;
        if (!existsSync(plain)) throw new Error(`no plain stand-in ${plain}`);
        return { path: plain };
      });
    },
  };
}
