// @vitest-environment jsdom
import '../setup';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { createAppStore } from '../../../renderer/store/app-store';
import { StoreProvider } from '../../../renderer/store/store-context';
import { RunLog } from '../../../renderer/views/run-log';
import { type FakeApi, createFakeApi, fail, makeRun, ok } from '../fake-api';

const COLOURED = '\u001b[32mok\u001b[0m: 3 files\n\u001b[1;31mwarning\u001b[0m: disk 91% full\n';

function renderLog(fake: FakeApi, run = makeRun({ id: 42, outputBytes: COLOURED.length })) {
  const store = createAppStore(fake.api);
  render(
    <StoreProvider store={store}>
      <RunLog run={run} />
    </StoreProvider>,
  );
  return store;
}

const withOutput = (handlers: Parameters<typeof createFakeApi>[1] = {}) =>
  createFakeApi(
    {},
    { runOutput: () => ok({ runId: 42, text: COLOURED, totalBytes: COLOURED.length, truncated: false }), ...handlers },
  );

describe('run log', () => {
  test('shows the output with its colours and Copy puts the plain text on the clipboard', async () => {
    // userEvent.setup() installs a clipboard stub on navigator; spy on it to see exactly what was written.
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    renderLog(withOutput());
    const log = await screen.findByLabelText('Output of run 42');
    expect(log.querySelector('.ansi-green-fg')).toHaveTextContent('ok');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('ok: 3 files\nwarning: disk 91% full\n');
    expect(await navigator.clipboard.readText()).toBe('ok: 3 files\nwarning: disk 91% full\n');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  test('a clipboard that refuses is reported, not swallowed', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('Document is not focused'));
    const store = renderLog(withOutput());
    await screen.findByLabelText('Output of run 42');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(store.getState().notice).toEqual({ kind: 'error', text: 'Could not copy the log: Document is not focused' });
  });

  test('Save asks the app to save this run and says where the file went', async () => {
    const user = userEvent.setup();
    const fake = withOutput({ saveRunLog: () => ok({ savedTo: '/home/admin/run-42.log' }) });
    renderLog(fake);
    await screen.findByLabelText('Output of run 42');
    await user.click(screen.getByRole('button', { name: 'Save…' }));
    expect(fake.calls.saveRunLog).toHaveBeenCalledWith({ runId: 42 });
    expect(await screen.findByRole('status')).toHaveTextContent('Saved to /home/admin/run-42.log');
  });

  test('a closed save dialog reports nothing; a failed save is shown', async () => {
    const user = userEvent.setup();
    let answer = ok<{ savedTo: string | null }>({ savedTo: null });
    const store = renderLog(withOutput({ saveRunLog: () => answer }));
    await screen.findByLabelText('Output of run 42');
    await user.click(screen.getByRole('button', { name: 'Save…' }));
    expect(screen.queryByText(/Saved to/)).not.toBeInTheDocument();
    expect(store.getState().notice).toBeNull();
    answer = fail('EACCES: permission denied, open /root/run-42.log');
    await user.click(screen.getByRole('button', { name: 'Save…' }));
    expect(store.getState().notice).toEqual({
      kind: 'error',
      text: 'Could not save the log: EACCES: permission denied, open /root/run-42.log',
    });
  });

  test('a running job tails live: chunks after the first fetch are appended', async () => {
    const fake = createFakeApi(
      {},
      { runOutput: () => ok({ runId: 42, text: 'step 1\n', totalBytes: 7, truncated: false }) },
    );
    renderLog(fake, makeRun({ id: 42, status: 'running', finishedAt: null, exitCode: null }));
    const log = await screen.findByLabelText('Output of run 42');
    expect(screen.getByText('live')).toBeInTheDocument();
    fake.emit('run:output', { runId: 42, jobId: 'backup-home', chunk: 'step 2\n' });
    fake.emit('run:output', { runId: 7, jobId: 'other', chunk: 'not mine\n' });
    await vi.waitFor(() => expect(log).toHaveTextContent('step 1 step 2'));
    expect(log).not.toHaveTextContent('not mine');
  });
});
