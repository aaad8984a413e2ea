// Three checks on the shape of the sources that lint cannot make: no import circles (a circle makes a module's exports
// undefined while it loads, and makes one file impossible to read without the others), the layers import downhill
// only (the core is what the CLI package ships: an import of the desktop's files breaks `npm install -g cronbar`), and
// no comment pointing at a file that does not exist (a newcomer follows such pointers). `node scripts/source-checks.mjs` prints what it finds
// and exits 1; test/scripts/source-checks.test.ts runs the same checks on the tree.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The folders whose imports and comments are checked. */
export const CHECKED_DIRS = ['electron', 'shared'];

/** Circles known and not yet cut, each as its sorted files (none now): an entry tolerates one, it does not require it. */
export const TOLERATED_CYCLES = [];

/** Files of other projects that comments name as the model followed (`after Electron Fiddle's src/main/ipc.ts`). */
export const OTHER_PROJECTS_FILES = new Set(['src/main/ipc.ts']);
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'out', 'dist', 'coverage', 'test-results', 'tmp']);
const SOURCE_FILE = /\.(?:ts|tsx|mts|cts)$/;

function walk(dir, into = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path.join(dir, entry.name), into);
    } else {
      into.push(path.join(dir, entry.name));
    }
  }
  return into;
}

function sourceFiles(root, dirs) {
  return dirs
    .flatMap((dir) => (fs.existsSync(path.join(root, dir)) ? walk(path.join(root, dir)) : []))
    .filter((file) => SOURCE_FILE.test(file) && !file.endsWith('.d.ts'));
}

const toPosix = (file) => file.split(path.sep).join('/');

/** The file a relative specifier names, as the bundler resolves it (`./args`, `./commands` → `./commands/index.ts`). */
function resolveRelative(from, specifier, known) {
  const base = path.resolve(path.dirname(from), specifier.replace(/\.(?:m|c)?js$/, ''));
  const candidates = [base, ...['.ts', '.tsx', '.mts', '.cts'].flatMap((ext) => [base + ext, `${base}/index${ext}`])];
  return candidates.find((candidate) => known.has(candidate));
}

/**
 * Every relative import of the source files under `dirs`: static, `import type`, `export … from` and `import()`
 * alike. Type-only imports count: they do not run, but they tie the files together for a reader all the same.
 * Keys and values are paths relative to `root`, with forward slashes.
 */
export function importGraph(root, dirs = CHECKED_DIRS) {
  const files = sourceFiles(root, dirs);
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => resolveRelative(file, specifier, known))
      .filter((target) => target !== undefined)
      .map((target) => toPosix(path.relative(root, target)));
    graph.set(toPosix(path.relative(root, file)), [...new Set(targets)].sort());
  }
  return graph;
}

/** The import circles: strongly connected components of more than one file, or a file importing itself (Tarjan). */
export function importCycles(graph) {
  const index = new Map();
  const lowLink = new Map();
  const onStack = new Set();
  const stack = [];
  const cycles = [];
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    lowLink.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        lowLink.set(file, Math.min(lowLink.get(file), lowLink.get(target)));
      } else if (onStack.has(target)) {
        lowLink.set(file, Math.min(lowLink.get(file), index.get(target)));
      }
    }
    if (lowLink.get(file) !== index.get(file)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}

/** What each layer may import besides itself: the core and the contract never reach into the desktop's files. */
export const LAYERS = [
  { dir: 'shared/', may: ['shared/'] },
  { dir: 'electron/core/', may: ['electron/core/', 'shared/'] },
];

/** Imports that go uphill: `{ file, target }` for each import a layer may not make. */
export function layerBreaches(graph) {
  const breaches = [];
  for (const [file, targets] of graph) {
    const layer = LAYERS.find((candidate) => file.startsWith(candidate.dir));
    if (!layer) continue;
    for (const target of targets)
      if (!layer.may.some((allowed) => target.startsWith(allowed))) breaches.push({ file, target });
  }
  return breaches;
}

function comments(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found = new Map();
  const collect = (ranges) => {
    for (const range of ranges ?? []) found.set(range.pos, text.slice(range.pos, range.end));
  };
  const visit = (node) => {
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(source);
  collect(ts.getLeadingCommentRanges(text, source.endOfFileToken.pos));
  return [...found.entries()].map(([pos, comment]) => ({
    line: source.getLineAndCharacterOfPosition(pos).line + 1,
    comment,
  }));
}

// A file name in prose: `lazy-config.ts`, `service/lazy-config.ts`, `bench/RESULTS.md`. Not part of a URL or a glob.
const FILE_MENTION = /(?<![\w/.:*-])((?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:ts|tsx|mts|mjs|cjs|md))\b/g;

/**
 * Comments in the source files under `dirs` that name a file (`something.ts`, `some/path.md`) that exists nowhere in
 * the tree under `root`. A mention with folders must match the end of a real path; a bare name, any file's name.
 */
export function danglingFileMentions(root, dirs = CHECKED_DIRS) {
  const everyFile = walk(root).map((file) => `/${toPosix(path.relative(root, file))}`);
  const names = new Set(everyFile.map((file) => file.slice(file.lastIndexOf('/') + 1)));
  const exists = (mention) => {
    const clean = mention.replace(/^(?:\.\.?\/)+/, '');
    return clean.includes('/') ? everyFile.some((file) => file.endsWith(`/${clean}`)) : names.has(clean);
  };
  const dangling = [];
  for (const file of sourceFiles(root, dirs)) {
    for (const { line, comment } of comments(file, fs.readFileSync(file, 'utf8'))) {
      for (const [, mention] of comment.matchAll(FILE_MENTION)) {
        if (!exists(mention) && !OTHER_PROJECTS_FILES.has(mention))
          dangling.push({ file: toPosix(path.relative(root, file)), line, mention });
      }
    }
  }
  return dangling;
}

/** The three checks over `dirs` under `root`, less the tolerated circles. */
export function sourceProblems(root, dirs = CHECKED_DIRS) {
  const tolerated = new Set(TOLERATED_CYCLES.map((cycle) => cycle.join('\n')));
  const graph = importGraph(root, dirs);
  return {
    cycles: importCycles(graph).filter((cycle) => !tolerated.has(cycle.join('\n'))),
    uphill: layerBreaches(graph),
    dangling: danglingFileMentions(root, dirs),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { cycles, uphill, dangling } = sourceProblems(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
  for (const cycle of cycles) console.log(`import circle of ${cycle.length} files:\n  ${cycle.join('\n  ')}`);
  for (const { file, target } of uphill) console.log(`${file} imports ${target}, outside what its layer may import`);
  for (const { file, line, mention } of dangling)
    console.log(`${file}:${line}: comment names ${mention}, which does not exist`);
  process.exitCode = cycles.length || uphill.length || dangling.length ? 1 : 0;
}
