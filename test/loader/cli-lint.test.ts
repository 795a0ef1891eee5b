// `kaohe lint` as a CI job or an editor sees it: exit codes, --format json, --help.
import { beforeAll, describe, expect, it } from 'vitest';
import { at, copyRules, ensureBuilt, kaohe, load, place, ROOT, replace } from './helpers.js';

beforeAll(ensureBuilt);

interface LintJson {
  valid: boolean;
  hash: string | null;
  version: string | null;
  errors: { file: string; line: number; col: number; code: string; message: string }[];
}

describe('kaohe lint', () => {
  it('accepts the rules/ of the repository: exit 0, one summary line with the hash', () => {
    const r = kaohe(ROOT, 'lint', 'rules');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const { ruleSet } = load(`${ROOT}/rules`);
    expect(r.stdout.trim()).toBe(
      `rules: ok — dongying-centre-measures version 2018.2, ${ruleSet?.rules.length} rules, ${ruleSet?.parameters.size} parameters, hash ${ruleSet?.hash}`,
    );
  });

  it('--format json on a valid rule set: valid, hash, version and no errors', () => {
    const r = kaohe(ROOT, 'lint', 'rules', '--format', 'json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as LintJson;
    expect(Object.keys(out).sort()).toEqual(['errors', 'hash', 'valid', 'version']);
    expect(out).toEqual({
      valid: true,
      hash: load(`${ROOT}/rules`).ruleSet?.hash,
      version: '2018.2',
      errors: [],
    });
  });

  it('--format json on a broken rule set: every error with file, line, col, code and message; exit 1', () => {
    const copy = copyRules();
    replace('a05-2-security.yaml', 'id: security.equipment-moved', 'id: conduct.desk')(copy.dir);
    replace('a08-3-1-staff-assessment.yaml', 'base: staff.baseScore', 'base: staff.base')(copy.dir);
    const r = kaohe(copy.root, 'lint', 'rules', '--format', 'json');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as LintJson;
    const position = (where: ReturnType<typeof at>) => {
      const [file, line, col] = place(copy.dir, where).split(':');
      return { file, line: Number(line), col: Number(col) };
    };
    expect(out).toEqual({
      valid: false,
      hash: null,
      version: null,
      errors: [
        {
          ...position(at('a05-2-security.yaml', 'id: conduct.desk', 'conduct.desk')),
          code: 'duplicate-rule-id',
          message: `rule id conduct.desk is already used at ${place(copy.dir, at('a05-1-code-of-conduct.yaml', 'id: conduct.desk', 'conduct.desk'))}`,
        },
        {
          ...position(at('a08-3-1-staff-assessment.yaml', 'base: staff.base\n', 'staff.base')),
          code: 'unknown-parameter',
          message: 'parameter staff.base is not defined in parameters.yaml',
        },
        {
          ...position(
            at('a08-3-procedure.yaml', '{ rule: security.equipment-moved }', 'security.equipment-moved'),
          ),
          code: 'unknown-rule',
          message: 'rule security.equipment-moved does not exist',
        },
      ],
    });
  });

  it('shows the directory as given on the command line', () => {
    const copy = copyRules();
    replace('a08-3-1-staff-assessment.yaml', 'base: staff.baseScore', 'base: staff.base')(copy.dir);
    const r = kaohe(ROOT, 'lint', copy.dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `${copy.dir}/a08-3-1-staff-assessment.yaml:153:11: parameter staff.base is not defined`,
    );
  });

  it('--help: exit 0, explains the checks and the file:line:col form', () => {
    const r = kaohe(ROOT, 'lint', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: kaohe lint [rules-dir] [--format text|json]');
    expect(r.stdout).toContain('<file>:<line>:<col>: <message>');
    expect(r.stdout).toMatch(
      /Exit status: 0 when the rule set is valid, 1 when it has problems, 2 on a usage error/,
    );
  });

  it('a usage error exits 2; a directory that does not exist exits 1', () => {
    const format = kaohe(ROOT, 'lint', 'rules', '--format', 'xml');
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('--format must be one of text, json (got xml)');
    const missing = kaohe(ROOT, 'lint', 'no-such-rules-dir');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no-such-rules-dir: not a directory of rule files');
  });
});
