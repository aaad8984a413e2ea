// @vitest-environment jsdom
import '../setup';
import { EditorView } from '@codemirror/view';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { createAppStore } from '../../../renderer/store/app-store';
import { StoreProvider } from '../../../renderer/store/store-context';
import YamlEditor from '../../../renderer/views/editor/yaml-editor';
import { type FakeApi, createFakeApi, ok } from '../fake-api';

const ON_DISK = 'jobs:\n  - id: backup-home\n    cron: "0 2 * * *"\n    command: restic backup ~/\n';

async function openEditor(fake: FakeApi) {
  render(
    <StoreProvider store={createAppStore(fake.api)}>
      <YamlEditor />
    </StoreProvider>,
  );
  const content = await screen.findByRole('textbox', { name: 'Jobs file (YAML)' });
  const view = EditorView.findFromDOM(content)!;
  return {
    view,
    /** Replaces the whole text, as typing would. */
    edit: (text: string) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
  };
}

describe('YAML editor', () => {
  test('a save refused because the file changed on disk says so and offers to reload, which shows the disk text unedited', async () => {
    let disk = ON_DISK;
    const fake = createFakeApi(
      {},
      {
        readConfig: () => ok({ path: '/data/jobs.yaml', text: disk, version: disk === ON_DISK ? 'v1' : 'v2' }),
        validateConfig: () => ok({ ok: true, issues: [], jobCount: 1 }),
        writeConfig: () => ({ ok: false, error: { code: 'conflict', message: 'jobs.yaml changed on disk' } }),
      },
    );
    const { view, edit } = await openEditor(fake);
    edit(ON_DISK.replace('0 2', '0 3'));
    expect(await screen.findByText(/• edited/)).toBeInTheDocument();
    disk = ON_DISK.replace('restic', 'borg');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.calls.writeConfig).toHaveBeenCalledWith({ text: ON_DISK.replace('0 2', '0 3'), baseVersion: 'v1' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The jobs file changed on disk since you opened it. Nothing was saved.',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Reload (drops your edits)' }));
    await screen.findByText('/data/jobs.yaml');
    expect(view.state.doc.toString()).toBe(disk);
    expect(screen.queryByText(/• edited/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  test('a file with a problem is not written; the problem is listed where it is', async () => {
    const issue = {
      file: 'jobs.yaml',
      line: 3,
      col: 11,
      path: 'jobs[0].cron',
      message: 'hour 25 is out of range (0-23)',
    };
    const fake = createFakeApi(
      {},
      {
        readConfig: () => ok({ path: '/data/jobs.yaml', text: ON_DISK, version: 'v1' }),
        validateConfig: () => ok({ ok: false, issues: [issue], jobCount: 0 }),
      },
    );
    const { edit } = await openEditor(fake);
    edit(ON_DISK.replace('0 2', '0 25'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: 1 problem in the file.');
    expect(screen.getByRole('list', { name: 'Problems in the jobs file' })).toHaveTextContent(
      'jobs.yaml:3:11 jobs[0].cron: hour 25 is out of range (0-23)',
    );
    expect(fake.calls.writeConfig).not.toHaveBeenCalled();
  });

  test('Reload from disk with unsaved edits asks first; the edits stay until the admin confirms', async () => {
    const fake = createFakeApi(
      {},
      {
        readConfig: () => ok({ path: '/data/jobs.yaml', text: ON_DISK, version: 'v1' }),
        validateConfig: () => ok({ ok: true, issues: [], jobCount: 1 }),
      },
    );
    const { view, edit } = await openEditor(fake);
    edit(ON_DISK.replace('0 2', '0 3'));
    await screen.findByText(/• edited/);
    await userEvent.click(screen.getByRole('button', { name: 'Reload from disk' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'You have edits that are not saved; reloading from disk drops them.',
    );
    expect(view.state.doc.toString()).toBe(ON_DISK.replace('0 2', '0 3'));
    expect(fake.calls.readConfig).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Reload (drops your edits)' }));
    await screen.findByText('/data/jobs.yaml');
    expect(view.state.doc.toString()).toBe(ON_DISK);
  });
});
