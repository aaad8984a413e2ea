/** Section 5: a job that prints a flood of output, through Cronbar's runner, a bare Node pipe, and `cat`. */
import type { OutputFloodOptions, OutputFloodResult } from '../children/output-flood-child';
import { bytes, num, ratio, table } from '../harness/markdown';
import { runChildProcess } from '../harness/spawn-child';
import type { TargetCheck } from '../harness/targets';
import type { BenchContext, SectionReport } from './section';

export async function outputFloodSection(context: BenchContext): Promise<SectionReport> {
  const size = context.quick ? 128 * 1024 ** 2 : 1024 ** 3;
  context.log(`output flood: ${bytes(size)}`);
  const options: OutputFloodOptions = { bytes: size };
  const outcome = await runChildProcess<OutputFloodResult>({
    script: context.scripts['output-flood-child'],
    options,
    timeoutMs: 180_000,
  });
  const intro =
    `A job prints ${bytes(size)} (\`head -c ${size} /dev/zero\`). Wall time from spawn to exit; ratio to \`head | cat > /dev/null\` in a shell. ` +
    "Peak RSS = the measuring process's VmHWM (Node itself included) after that way ran.";
  if (!outcome.ok) {
    return {
      title: 'Output flood',
      markdown: `${intro}\n\nDid not complete: ${outcome.why}`,
      targets: [
        {
          metric: 'output flood',
          target: '≤ 1.5× cat, ≤ 150 MB RSS',
          cronbar: outcome.why,
          baseline: '-',
          ratio: '-',
          met: false,
        },
      ],
    };
  }
  const r = outcome.result;
  const mbPerS = (ms: number) => num(size / 1024 ** 2 / (ms / 1000));
  const rows = [
    [
      "Cronbar's runner (keeps a 256 KiB tail)",
      num(r.cronbar.wallMs),
      mbPerS(r.cronbar.wallMs),
      bytes(r.cronbar.peakRssBytes),
      ratio(r.cronbar.wallMs, r.cat.wallMs),
    ],
    [
      'floor: Node spawn, every chunk dropped',
      num(r.nodeFloor.wallMs),
      mbPerS(r.nodeFloor.wallMs),
      bytes(r.nodeFloor.peakRssBytes),
      ratio(r.nodeFloor.wallMs, r.cat.wallMs),
    ],
    ['`cat` to /dev/null (no Node)', num(r.cat.wallMs), mbPerS(r.cat.wallMs), '-', '1×'],
  ];
  const markdown = [
    intro,
    table(['way', 'wall ms', 'MiB/s', 'peak RSS', 'ratio to cat'], rows),
    `RSS before the first run: ${bytes(r.rssBeforeBytes)}.`,
  ].join('\n\n');
  const targets: TargetCheck[] = [
    {
      metric: `output flood ${bytes(size)}: wall time`,
      target: '≤ 1.5× cat',
      cronbar: `${num(r.cronbar.wallMs)} ms (${ratio(r.cronbar.wallMs, r.cat.wallMs)} cat)`,
      baseline: `cat ${num(r.cat.wallMs)} ms; Node floor ${num(r.nodeFloor.wallMs)} ms (${ratio(r.nodeFloor.wallMs, r.cat.wallMs)} cat)`,
      ratio: ratio(r.cronbar.wallMs, r.nodeFloor.wallMs) + ' of the Node floor',
      met: r.cronbar.wallMs <= 1.5 * r.cat.wallMs,
    },
    {
      metric: `output flood ${bytes(size)}: peak RSS`,
      target: '≤ 150 MB',
      cronbar: bytes(r.cronbar.peakRssBytes),
      baseline: `RSS before ${bytes(r.rssBeforeBytes)}`,
      ratio: '-',
      met: r.cronbar.peakRssBytes === null ? null : r.cronbar.peakRssBytes <= 150 * 1000 ** 2,
    },
  ];
  return { title: 'Output flood', markdown, targets };
}
