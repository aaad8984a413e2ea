import { describe, expect, it } from 'vitest';
import { expandHome } from '../../../electron/core/runner/expand-home';

describe('expandHome', () => {
  it('expands ~ and ~/ at the start only', () => {
    expect(expandHome('~', '/home/ada')).toBe('/home/ada');
    expect(expandHome('~/notes', '/home/ada')).toBe('/home/ada/notes');
    expect(expandHome('~/', '/home/ada/')).toBe('/home/ada/');
  });

  it('leaves other text alone: ~user, a ~ inside, plain paths and options', () => {
    expect(expandHome('~bob/x', '/home/ada')).toBe('~bob/x');
    expect(expandHome('/tmp/~/x', '/home/ada')).toBe('/tmp/~/x');
    expect(expandHome('--tag=~/x', '/home/ada')).toBe('--tag=~/x');
    expect(expandHome('', '/home/ada')).toBe('');
  });

  it('does not double the slash when home is the root directory', () => {
    expect(expandHome('~/x', '/')).toBe('/x');
  });
});
