// Stands in for the `bindings` package inside the CLI bundle (scripts/build-cli.mjs aliases it), where better-sqlite3's
// JavaScript is bundled: `bindings` finds the addon from its caller's file by walking up from it, which in a bundle is
// the wrong folder, and its search through a dozen build folders cost a few milliseconds at every start. The addon
// is where npm built or downloaded it, `build/Release` of the installed better-sqlite3; anywhere else (a Debug
// build), `bindings` itself looks, told better-sqlite3's own folder.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// Resolved at run time from the bundle's place in node_modules (a name in a variable, so esbuild leaves it be).
const PACKAGE = 'better-sqlite3/package.json';

module.exports = function loadAddon(name) {
  const root = path.dirname(require.resolve(PACKAGE));
  const release = path.join(root, 'build', 'Release', name);
  if (fs.existsSync(release)) return require(release);
  return require(require.resolve('bindings', { paths: [root] }))({ bindings: name, module_root: root });
};
