// The repository as a clone sees it: .gitignore hides only what is generated.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

describe('repository hygiene', () => {
  it('.gitignore matches no tracked file', () => {
    expect(git('ls-files', '--cached', '--ignored', '--exclude-standard')).toBe('');
  });

  it('.gitignore does ignore what the build and the tests generate', () => {
    const ignored = git(
      'check-ignore',
      '--no-index',
      'dist/x.js',
      'data/kaohe.sqlite',
      'test/mongo/.bin',
      'x.log',
    )
      .trim()
      .split('\n');
    expect(ignored).toEqual(['dist/x.js', 'data/kaohe.sqlite', 'test/mongo/.bin', 'x.log']);
  });
});

describe('the project documents itself', () => {
  // Built from parts, so that this file does not match itself.
  const outside = ['..', 'shared'].join('/');
  const domain = ['shared', 'domain'].join('/');

  it(`no tracked file points outside the repository (${outside}, ${domain})`, () => {
    let hits = '';
    try {
      hits = git('grep', '-n', '-I', '-F', '-e', outside, '-e', domain, '--', '.');
    } catch (error) {
      // git grep exits 1 when nothing matches: the outcome wanted.
      if ((error as { status?: number }).status !== 1) throw error;
    }
    expect(hits).toBe('');
  });
});
