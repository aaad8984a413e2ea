import { describe, expect, it } from 'vitest';
import { chooseEditor, editorCommandLine } from '../../../electron/core/cli/editor';

describe('cronbar edit: the editor', () => {
  it('prefers $VISUAL over $EDITOR, and keeps their arguments', () => {
    expect(chooseEditor({ VISUAL: 'code --wait', EDITOR: 'vim' }, 'linux', () => true)).toBe('code --wait');
    expect(chooseEditor({ VISUAL: '  ', EDITOR: 'vim' }, 'linux', () => true)).toBe('vim');
  });

  it('falls back to the first plain editor installed, Notepad on Windows, or none', () => {
    expect(chooseEditor({}, 'linux', (command) => command === 'nano' || command === 'vi')).toBe('nano');
    expect(chooseEditor({}, 'darwin', (command) => command === 'vi')).toBe('vi');
    expect(chooseEditor({}, 'win32', () => false)).toBe('notepad');
    expect(chooseEditor({}, 'linux', () => false)).toBeNull();
  });

  it('quotes the file for the shell, spaces and quotes included', () => {
    expect(editorCommandLine('code --wait', "/home/o'neil/my jobs.yaml", 'linux')).toBe(
      `code --wait '/home/o'\\''neil/my jobs.yaml'`,
    );
    expect(editorCommandLine('notepad', 'C:\\Users\\A B\\jobs.yaml', 'win32')).toBe(
      'notepad "C:\\Users\\A B\\jobs.yaml"',
    );
  });
});
