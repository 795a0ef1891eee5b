import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  fieldName,
  formatAjvErrors,
  getValidator,
  projectRoot,
  schemaDirectory,
  schemaDocuments,
} from '../../src/schemas/registry.js';
import { envelope, withFields } from './examples.js';

const MINE = ['fact', 'fact-batch', 'evaluation', 'result', 'item', 'verdict', 'error'];

describe('registry', () => {
  it('finds the project root from the module location', () => {
    expect(readdirSync(projectRoot())).toContain('package.json');
    expect(schemaDirectory()).toBe(join(projectRoot(), 'schemas'));
  });

  it('loads every schemas/*.schema.json under its short name', () => {
    const files = readdirSync(schemaDirectory()).filter((f) => f.endsWith('.schema.json'));
    const docs = schemaDocuments();
    expect(Object.keys(docs).sort()).toEqual(files.map((f) => f.replace('.schema.json', '')).sort());
    for (const name of MINE) {
      const doc = docs[name] as { $id: string; $schema: string; title?: string; description?: string };
      expect(doc.$id).toBe(`https://kaohe.example/schemas/${name}.schema.json`);
      expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(doc.title && doc.description).toBeTruthy();
    }
  });

  it('hands out copies of the documents', () => {
    (schemaDocuments().fact as unknown as { title: string }).title = 'changed';
    expect(schemaDocuments().fact?.title).not.toBe('changed');
  });

  it('compiles each schema once, by short name, file name or $id', () => {
    for (const name of MINE) {
      const v = getValidator(name);
      expect(getValidator(`${name}.schema.json`)).toBe(v);
      expect(getValidator(`https://kaohe.example/schemas/${name}.schema.json`)).toBe(v);
    }
  });

  it('names the known schemas when asked for an unknown one', () => {
    expect(() => getValidator('facts')).toThrow(/unknown schema "facts"; known: .*fact-batch/);
  });

  it('leaves the finding codes to the rule set: the contract checks their form only', () => {
    const defs = (schemaDocuments().fact as unknown as { $defs: Record<string, Record<string, unknown>> })
      .$defs;
    expect(defs.findingCode?.enum).toBeUndefined();
    expect(defs.findingCode?.pattern).toBe('^[a-z][a-z0-9-]*$');
    expect(defs.windowFindingCode).toBeUndefined();
  });
});

describe('discriminator', () => {
  it('gives ajv errors from the chosen branch only', () => {
    const validate = getValidator('fact');
    expect(validate(withFields(envelope, { data: { code: 'LAT' } }))).toBe(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([['/data/code', 'pattern']]);
  });
});

describe('formatAjvErrors', () => {
  const err = (e: Partial<ErrorObject>): ErrorObject =>
    ({ instancePath: '', schemaPath: '#', params: {}, ...e }) as ErrorObject;

  it('turns pointers into field names', () => {
    expect(fieldName('/facts/3/data/code')).toBe('facts[3].data.code');
    expect(fieldName('/a~1b/c~0d')).toBe('a/b.c~d');
    expect(fieldName('', 'fact')).toBe('fact');
  });

  it('keeps only the closest branch of a failed oneOf', () => {
    const errors = [
      err({
        instancePath: '/x',
        schemaPath: '#/oneOf/0/type',
        keyword: 'type',
        params: { type: 'string' },
        data: 5,
      }),
      err({
        instancePath: '/x',
        schemaPath: '#/oneOf/1/minimum',
        keyword: 'minimum',
        params: { comparison: '>=', limit: 10 },
        data: 5,
      }),
      err({
        instancePath: '/x/y',
        schemaPath: '#/oneOf/1/required',
        keyword: 'required',
        params: { missingProperty: 'z' },
      }),
      err({
        instancePath: '/x',
        schemaPath: '#/oneOf/2/type',
        keyword: 'type',
        params: { type: 'array' },
        data: 5,
      }),
      err({ instancePath: '/x', schemaPath: '#/oneOf', keyword: 'oneOf', schema: [{}, {}, {}], params: {} }),
    ];
    // Branches 0 and 2 tie on one error; none is deeper, so the first wins.
    expect(formatAjvErrors(errors)).toEqual([{ path: '/x', message: 'x: must be a string (got 5)' }]);
  });

  it('follows $ref branches of a oneOf', () => {
    const errors = [
      err({
        instancePath: '/x',
        schemaPath: '#/$defs/a/type',
        keyword: 'type',
        params: { type: 'object' },
        data: 1,
      }),
      err({
        instancePath: '/x',
        schemaPath: '#/$defs/b/type',
        keyword: 'type',
        params: { type: 'array' },
        data: 1,
      }),
      err({ instancePath: '/x', schemaPath: '#/$defs/b/x', keyword: 'minItems', params: { limit: 1 } }),
      err({
        instancePath: '/x',
        schemaPath: '#/oneOf',
        keyword: 'oneOf',
        schema: [{ $ref: '#/$defs/a' }, { $ref: '#/$defs/b' }],
        params: {},
      }),
    ];
    expect(formatAjvErrors(errors)).toEqual([{ path: '/x', message: 'x: must be an object (got 1)' }]);
  });

  it('returns nothing for no errors', () => {
    expect(formatAjvErrors(null)).toEqual([]);
  });
});
