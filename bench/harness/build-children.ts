/**
 * Bundles the measuring children into bench/tmp/build so they start as plain `node` processes: no TypeScript
 * loader thread or on-the-fly compilation inside the process being measured. Code splitting keeps each scheduler
 * library in its own chunk, loaded only by the child that measures it. Packages stay external (better-sqlite3 is
 * native).
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { plainModules } from './plain-variants';

export const CHILDREN = [
  'lateness-child',
  'at-rest-child',
  'history-child',
  'output-flood-child',
  'metrics-child',
  'monitor-idle-child',
  'ping-e2e-child',
  'tray-refresh-child',
  'events-child',
] as const;
export type ChildName = (typeof CHILDREN)[number];

/** `plain`: trick modules swapped for their plain stand-ins (plain-variants.ts), built into bench/tmp/build-<variant>. */
export async function buildChildren(
  root: string,
  plain: { variant: string; sources: readonly string[] } | null = null,
): Promise<Record<ChildName, string>> {
  const outdir = join(root, plain ? `bench/tmp/build-${plain.variant}` : 'bench/tmp/build');
  await build({
    entryPoints: CHILDREN.map((name) => join(root, 'bench/children', `${name}.ts`)),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: plain ? [plainModules(root, plain.sources)] : [],
  });
  return Object.fromEntries(CHILDREN.map((name) => [name, join(outdir, `${name}.mjs`)])) as Record<ChildName, string>;
}
