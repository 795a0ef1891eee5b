// Roster spans: which roster fact holds on a day (binary search), and the days a group was named.
import { describe, expect, it } from 'vitest';
import { factOn, rangesWhere, rosterSpans, spanAt } from '../../src/engine/roster-spans.js';
import type { StoredFact } from '../../src/model/fact.js';
import { dayNumber } from '../../src/periods/index.js';

const roster = (id: string, occurredOn: string, window: string, recordedAt = '2018-01-01T00:00:00.000Z') =>
  ({
    id,
    type: 'roster.staff',
    subject: { kind: 'staff', id: 'S001' },
    occurredOn,
    recordedAt,
    data: { name: 'n', window, dispatchingUnit: 'u', joinedOn: '2017-01-01' },
  }) as StoredFact;

const d = dayNumber;

describe('roster spans', () => {
  // Given out of order, with two facts on 2018-03-20 (the later recorded one holds).
  const spans = rosterSpans([
    roster('c', '2018-03-20', 'W01', '2018-03-20T09:00:00.000Z'),
    roster('a', '2018-01-10', 'W01'),
    roster('b', '2018-02-15', 'W02'),
    roster('c-early', '2018-03-20', 'W03', '2018-03-20T08:00:00.000Z'),
  ]);

  it('sorts by day and keeps one fact per day, the latest recorded', () => {
    expect(spans.map((s) => [s.fact.id, s.from])).toEqual([
      ['a', d('2018-01-10')],
      ['b', d('2018-02-15')],
      ['c', d('2018-03-20')],
    ]);
  });

  it('answers the fact in force on a day; before the first fact, the first', () => {
    expect(factOn(spans, d('2017-05-01'))?.id).toBe('a');
    expect(factOn(spans, d('2018-01-10'))?.id).toBe('a');
    expect(factOn(spans, d('2018-02-14'))?.id).toBe('a');
    expect(factOn(spans, d('2018-02-15'))?.id).toBe('b');
    expect(factOn(spans, d('2018-03-19'))?.id).toBe('b');
    expect(factOn(spans, d('2018-03-20'))?.id).toBe('c');
    expect(factOn(spans, d('2030-01-01'))?.id).toBe('c');
    expect(spanAt([], 5)).toBe(0);
    expect(factOn([], 5)).toBeUndefined();
  });

  it('gives the day ranges of a period in which the roster named a group', () => {
    const q1 = [d('2018-01-01'), d('2018-03-31')] as const;
    expect(rangesWhere(spans, 'window', 'W01', ...q1)).toEqual([
      [d('2018-01-01'), d('2018-02-14')],
      [d('2018-03-20'), d('2018-03-31')],
    ]);
    expect(rangesWhere(spans, 'window', 'W02', ...q1)).toEqual([[d('2018-02-15'), d('2018-03-19')]]);
    expect(rangesWhere(spans, 'window', 'W03', ...q1)).toEqual([]);
    expect(rangesWhere(spans, 'window', 'W02', d('2018-04-01'), d('2018-06-30'))).toEqual([]);
    expect(rangesWhere(spans, 'window', 'W01', d('2017-10-01'), d('2017-12-31'))).toEqual([
      [d('2017-10-01'), d('2017-12-31')],
    ]);
  });

  it('merges adjacent spans of the same group into one range', () => {
    const same = rosterSpans([roster('a', '2018-01-10', 'W01'), roster('b', '2018-02-15', 'W01')]);
    expect(rangesWhere(same, 'window', 'W01', d('2018-01-01'), d('2018-03-31'))).toEqual([
      [d('2018-01-01'), d('2018-03-31')],
    ]);
  });
});
