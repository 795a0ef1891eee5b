// The rule-file types (src/rules/generated) and the declared fact types' (src/schemas/generated) are
// generated from schemas/: a schema edit without `npm run types` fails here.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without declarations (it runs under node as is)
import { generatedTypes } from '../../scripts/types.mjs';

describe('src/rules/generated and src/schemas/generated', () => {
  it('is what `npm run types` writes from schemas/ today', async () => {
    const files = (await generatedTypes()) as Map<string, string>;
    expect(files.size).toBeGreaterThan(0);
    // DeclaredFactType (src/schemas/fact-extension.ts) is read from the generated file, not written by hand.
    expect([...files.keys()].map((p) => relative(process.cwd(), p))).toContain(
      'src/schemas/generated/fact-types.ts',
    );
    const stale = [...files]
      .filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text)
      .map(([path]) => relative(process.cwd(), path));
    expect(stale, 'run `npm run types` and commit the result').toEqual([]);
  });
});
