import { describe, expect, it } from 'vitest';
import { canonicalJson, getValidator, validateFactBatch } from '../../src/schemas/registry.js';
import { envelope, shippedVocabulary, validFacts, withFields } from './examples.js';

const vocabulary = shippedVocabulary();

const retraction = (id: string, retracts: string) => ({
  id,
  type: 'retraction',
  subject: { kind: 'staff', id: 'S001' },
  occurredOn: '2018-03-06',
  data: { retracts, reason: 'mistake' },
});

describe('validateFactBatch', () => {
  it('accepts a batch of every type, and an identical repeat', () => {
    const facts = [...Object.values(validFacts), { ...envelope }];
    expect(validateFactBatch(facts)).toEqual([]);
  });

  it('reports each bad fact with its index and id', () => {
    const bad = withFields(envelope, { id: 'f-2', data: { code: 'lat' } });
    expect(validateFactBatch([envelope, bad], vocabulary)).toEqual([
      {
        index: 1,
        id: 'f-2',
        path: '/data/code',
        message: expect.stringMatching(/^data\.code: "lat" is not a finding code of rule set 2018\.2 /),
      },
    ]);
  });

  it('gives id null for a fact without a usable id', () => {
    const errors = validateFactBatch([withFields(envelope, { id: 7 })]);
    expect(errors).toEqual([{ index: 0, id: null, path: '/id', message: 'id: must be a string (got 7)' }]);
  });

  it('reports recordedAt on a posted fact', () => {
    const errors = validateFactBatch([withFields(envelope, { recordedAt: '2018-03-05T10:00:00.000Z' })]);
    expect(errors).toEqual([
      {
        index: 0,
        id: envelope.id,
        path: '/recordedAt',
        message: expect.stringMatching(/^recordedAt: must not be given/),
      },
    ]);
  });

  it('rejects one id with different contents, but not a reordered identical repeat', () => {
    const reordered = {
      data: { code: 'private-call-while-serving' },
      source: 'video-patrol',
      occurredOn: '2018-03-05',
      subject: { id: 'S001', kind: 'staff' },
      type: 'finding',
      id: envelope.id,
    };
    const changed = withFields(envelope, { occurredOn: '2018-03-06' });
    expect(validateFactBatch([envelope, reordered, changed])).toEqual([
      {
        index: 2,
        id: envelope.id,
        path: '/id',
        message: `id: "${envelope.id}" is used by fact 0 of this batch with different content`,
      },
    ]);
  });

  it('rejects a retraction of a retraction in the same batch, and a self-retraction', () => {
    const first = retraction('r-1', envelope.id);
    const second = retraction('r-2', 'r-1');
    const self = retraction('r-3', 'r-3');
    const errors = validateFactBatch([envelope, first, second, self]);
    expect(errors.map((e) => [e.index, e.id, e.path])).toEqual([
      [2, 'r-2', '/data/retracts'],
      [3, 'r-3', '/data/retracts'],
    ]);
    expect(errors[0]?.message).toMatch(/^data\.retracts: "r-1" is a retraction \(fact 1 of this batch\)/);
  });

  it('reports online > total with the index', () => {
    const share = withFields(validFacts['online-share'] as object, { data: { online: 3, total: 2 } });
    expect(validateFactBatch([envelope, share])).toEqual([
      {
        index: 1,
        id: 'online-share-1',
        path: '/data/online',
        message: expect.stringContaining('data.total'),
      },
    ]);
  });

  it('orders errors by index', () => {
    const errors = validateFactBatch(
      [
        withFields(envelope, { id: 'a', data: { code: 'x' } }),
        withFields(envelope, { id: 'b', foo: 1 }),
        withFields(envelope, { id: 'a' }),
      ],
      vocabulary,
    );
    expect(errors.map((e) => e.index)).toEqual([0, 1, 2]);
  });
});

describe('fact-batch schema', () => {
  const validate = getValidator('fact-batch');
  it('holds 1 to 10,000 facts and nothing else', () => {
    expect(validate({ facts: [envelope] })).toBe(true);
    expect(validate({ facts: [] })).toBe(false);
    expect(validate({ facts: Array.from({ length: 10_001 }, () => envelope) })).toBe(false);
    expect(validate({ facts: [envelope], extra: true })).toBe(false);
  });
  it('validates each fact with the fact schema', () => {
    expect(validate({ facts: [withFields(envelope, { recordedAt: 'x' })] })).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/facts/0/recordedAt');
  });
});

describe('canonicalJson', () => {
  it('ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: 2 } })).toBe(
      '{"a":{"c":2,"d":[1,{"e":2,"f":1}]},"b":1}',
    );
  });
});
