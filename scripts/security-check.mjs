// Electronegativity on the built output (out/main, out/preload, out/renderer): fails on any HIGH-severity finding.
// Run `npm run build` first. `--report <file.sarif>` also writes the full report.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input = path.join(root, 'out');
const required = ['main/main.js', 'preload/preload.cjs'];
const missing = required.filter((file) => !fs.existsSync(path.join(input, file)));
if (missing.length > 0) {
  console.error(`security: ${missing.map((file) => `out/${file}`).join(', ')} missing: run \`npm run build\` first`);
  process.exit(2);
}

const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;
const reportIndex = process.argv.indexOf('--report');
const report = reportIndex > 0 ? process.argv[reportIndex + 1] : undefined;
const electronVersion = JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

const result = await run({
  input,
  output: report,
  isSarif: Boolean(report?.endsWith('.sarif')),
  customScan: [],
  excludeFromScan: [],
  severitySet: 'informational',
  confidenceSet: 'tentative',
  isRelative: true,
  electronVersionOverride: electronVersion,
});

// The CLI bundle (out/cli) is plain Node, not part of the desktop app.
const desktopIssues = result.issues.filter(
  (issue) => !issue.file.startsWith('cli/') && !issue.file.startsWith(`cli${path.sep}`),
);
const high = desktopIssues.filter((issue) => issue.severity.name === 'HIGH');
const bySeverity = {};
for (const issue of desktopIssues) bySeverity[issue.severity.name] = (bySeverity[issue.severity.name] ?? 0) + 1;
console.log(`security: electronegativity on out/ (Electron ${electronVersion})`);
console.log(`security: findings by severity: ${JSON.stringify(bySeverity)}`);
for (const issue of desktopIssues) {
  console.log(
    `  ${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id} ${issue.file}:${issue.location.line}:${issue.location.column}`,
  );
}
const parseErrors = result.errors.filter((error) => !error.tolerable);
for (const error of parseErrors) console.log(`  not analysed (parse error): ${error.file}: ${error.message}`);
// Main and preload are where Electron's security options live: a file there the scanner cannot read is a failure, not
// a pass. Renderer chunks run sandboxed without Node or Electron APIs; a vendor chunk it cannot parse is reported above.
const unreadDesktop = parseErrors.filter((error) =>
  /^(main|preload)[\\/]/.test(path.relative(input, path.resolve(input, error.file))),
);
if (unreadDesktop.length > 0) {
  console.error(`security: ${unreadDesktop.length} main/preload file(s) could not be analysed`);
  process.exit(1);
}
if (high.length > 0) {
  console.error(`security: ${high.length} high-severity finding(s)`);
  process.exit(1);
}
console.log('security: no high-severity findings');
