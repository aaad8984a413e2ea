import { build } from 'esbuild';
await build({ entryPoints: ['bench/children/lateness-child.ts','bench/children/at-rest-child.ts'], outdir: 'bench/tmp/build', outExtension: {'.js':'.mjs'}, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
