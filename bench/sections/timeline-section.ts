/**
 * The timeline at 1 000 jobs over a week against the same run's 24 h: the core's fire counts plus the view's render in
 * jsdom (bench/renderer/timeline.bench.ts, in its own process; what it times is written at its top).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchContext, SectionReport } from './section';

export const TIMELINE_SCRIPT = 'bench/renderer/timeline.bench.ts';
const TARGET_MS = 500;

interface Figures {
  fires: number;
  aggregation: number;
  render: number;
}

export async function timelineSection(context: BenchContext, root: string): Promise<SectionReport> {
  context.log('timeline: 1 000 jobs, a week against 24 h (core counts + jsdom render)');
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, TIMELINE_SCRIPT)], {
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
  const json = output.split('\n').find((line) => line.startsWith('{"day"'));
  const figures = json ? (JSON.parse(json) as { day: Figures; week: Figures }) : null;
  const total = (figures: Figures) => figures.aggregation + figures.render;
  const text = output
    .split('\n')
    .filter((line) => !line.startsWith('{"day"') && !/npm warn/i.test(line))
    .join('\n')
    .trim();
  return {
    title: 'Timeline (1 000 jobs, a week)',
    markdown: `\`npx tsx ${TIMELINE_SCRIPT}\` (exit code ${code}). Aggregation: \`Engine.fireDensity\` (every fire in range, counted per job and quarter hour). Render: the Timeline view in jsdom with React's production build, from the click on the range's button to the chart in the DOM (no layout or paint).\n\n\`\`\`\n${text}\n\`\`\``,
    targets: figures
      ? [
          {
            metric: 'timeline at 1 000 jobs × 7 days: count + render',
            target: `≤ ${TARGET_MS} ms`,
            cronbar: `${total(figures.week).toFixed(0)} ms (${figures.week.fires} fires)`,
            baseline: `24 h, same run: ${total(figures.day).toFixed(0)} ms (${figures.day.fires} fires)`,
            ratio: `${(total(figures.week) / total(figures.day)).toFixed(2)}×`,
            met: total(figures.week) <= TARGET_MS,
          },
        ]
      : [],
  };
}
