/**
 * The CLI bundled as scripts/build-cli.mjs bundles it (same externals, alias, defines and minification), into
 * bench/tmp/cli/<variant>/out/cli with a copy of bin/cronbar.cjs beside it, optionally with trick modules swapped for
 * their plain stand-ins. The tricks section builds "with" the same way, so with and without differ only in the swap.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { plainModules } from './plain-variants';

/** As in scripts/build-cli.mjs: one shared module per default-imported built-in. */
const defaultBuiltins: Plugin = {
  name: 'default-builtins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^node:(fs|path|os)$/ }, (args) =>
      args.kind === 'import-statement' ? { path: args.path, namespace: 'default-builtin' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'default-builtin' }, (args) => ({
      contents: `export default require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/** Builds the variant and returns its bin script. */
export async function buildCliVariant(root: string, variant: string, plainSources: readonly string[]): Promise<string> {
  const dir = join(root, 'bench/tmp/cli', variant);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  await build({
    entryPoints: [join(root, 'electron/core/cli/main.ts')],
    outfile: join(dir, 'out/cli/cronbar.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['zod', 'yaml', 'js-yaml', 'fastify', 'prom-client', 'plist'],
    alias: { bindings: join(root, 'scripts/cli/sqlite-bindings.cjs') },
    minifyWhitespace: true,
    minifySyntax: true,
    // Each variant its own build id, so none reads a cache another one wrote.
    define: { CRONBAR_VERSION: JSON.stringify(version), CRONBAR_BUILD_ID: JSON.stringify(`bench-${variant}`) },
    plugins: [defaultBuiltins, plainModules(root, plainSources)],
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'bin/cronbar.cjs'), join(dir, 'bin/cronbar.cjs'));
  return join(dir, 'bin/cronbar.cjs');
}
