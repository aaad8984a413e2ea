/** The window's figure, from the renderer engineer's script in bench/renderer (run as is, its output quoted). */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, SectionReport } from './section';

export const RENDERER_SCRIPT = 'bench/renderer/jobs-view.bench.ts';

export async function rendererSection(context: BenchContext, root: string): Promise<SectionReport | null> {
  const script = join(root, RENDERER_SCRIPT);
  if (!existsSync(script)) return null;
  context.log('renderer: Jobs view with 10 000 jobs in Chromium');
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve({ code: exit, output });
    });
  });
  const text = output
    .split('\n')
    .filter((line) => !/npm warn/i.test(line))
    .join('\n')
    .trim();
  return {
    title: 'Window (renderer)',
    markdown: `\`npx tsx ${RENDERER_SCRIPT}\` (owned by the renderer; exit code ${code}: 0 means its own targets were met):\n\n\`\`\`\n${text}\n\`\`\``,
    targets: [],
  };
}
