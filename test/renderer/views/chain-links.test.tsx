// @vitest-environment jsdom
import '../setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import type { RunRecord } from '../../../shared/model';
import { createFakeApi, makeRun, ok, sampleJob } from '../fake-api';
import { renderApp } from '../render-app';

const link = (jobId: string, name: string, on: 'success' | 'failure' | 'always', delayMs = 0) => ({
  jobId,
  name,
  on,
  delayMs,
});

const build = sampleJob({
  id: 'build',
  name: 'Build',
  children: [link('deploy', 'Deploy', 'success'), link('report', 'Report', 'always')],
});
const deploy = sampleJob({
  id: 'deploy',
  name: 'Deploy',
  schedule: { kind: 'none', text: '', description: 'After Build' },
  nextFireAt: null,
  parents: [link('build', 'Build', 'success', 300_000)],
  children: [],
});
const buildRun = makeRun({ id: 41, jobId: 'build', status: 'succeeded' });
const deployRun = makeRun({
  id: 42,
  jobId: 'deploy',
  trigger: 'chain',
  status: 'succeeded',
  parentRunId: 41,
  reason: 'after build run 41 succeeded',
});

function chainApi() {
  const runs: Record<string, RunRecord[]> = { build: [buildRun], deploy: [deployRun] };
  return createFakeApi(
    { jobs: [build, deploy] },
    {
      history: ((input: { jobId?: string }) => ok({ runs: runs[input.jobId ?? ''] ?? [], nextBefore: null })) as never,
      getRun: ((input: { runId: number }) => ok(input.runId === 41 ? buildRun : deployRun)) as never,
      runOutput: ((input: { runId: number }) =>
        ok({ runId: input.runId, text: `output of ${input.runId}\n`, totalBytes: 13, truncated: false })) as never,
    },
  );
}

describe('chains in the job detail', () => {
  test('a child says what it runs after, a parent what it starts; each links to that job', async () => {
    renderApp(chainApi());
    await userEvent.click(await screen.findByRole('button', { name: 'Deploy' }));
    await screen.findByRole('heading', { level: 1, name: 'Deploy' });
    const after = screen.getByText('Runs after').closest('div')!;
    expect(after).toHaveTextContent('Runs afterBuild (on success, 5m later)');
    await userEvent.click(within(after).getByRole('button', { name: 'Build' }));
    await screen.findByRole('heading', { level: 1, name: 'Build' });
    expect(screen.getByText('Starts').closest('div')).toHaveTextContent('StartsDeploy, Report (whatever the outcome)');
  });

  test("a chain run's history row links to its parent run, which opens on the parent's page", async () => {
    renderApp(chainApi());
    await userEvent.click(await screen.findByRole('button', { name: 'Deploy' }));
    const parentLink = await screen.findByRole('button', {
      name: 'Open run 41, the parent run that started this one',
    });
    await userEvent.click(parentLink);
    await screen.findByRole('heading', { level: 1, name: 'Build' });
    expect(await screen.findByText('output of 41', { exact: false })).toBeInTheDocument();
  });
});
