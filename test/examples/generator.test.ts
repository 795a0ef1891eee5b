import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { districtFacts, districtFactsArray } from '../../bench/generate-district.js';
import { EXAMPLE_CENTRE, generateCentre, mulberry32, planCentre, toNdjson } from '../../examples/generate.js';
import { contractProblems, isDate, parseFactsMd, STAFF_CODES, TYPES, WINDOW_CODES } from './contract.js';
import { dateOf, quarters, Reference } from './reference.js';
import { checkStream, validateWithSchema } from './support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const facts = generateCentre(EXAMPLE_CENTRE);
const { cast } = planCentre(EXAMPLE_CENTRE);
const byId = new Map(facts.map((f) => [f.id, f]));
const count = (type: string) => facts.filter((f) => f.type === type).length;

describe('example centre generator', () => {
  it('is deterministic: same seed, same bytes; another seed, other data', () => {
    expect(toNdjson(generateCentre(EXAMPLE_CENTRE))).toBe(toNdjson(facts));
    expect(toNdjson(generateCentre({ ...EXAMPLE_CENTRE, seed: 7 }))).not.toBe(toNdjson(facts));
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('matches the committed examples/centre/facts.ndjson (regenerate with dist/examples/generate.js)', () => {
    const committed = readFileSync(`${root}examples/centre/facts.ndjson`, 'utf8');
    expect(committed === toNdjson(facts)).toBe(true);
    expect(committed.length).toBeLessThan(3_000_000);
  });

  it('follows docs/facts.md for every fact: envelope, subject kinds, data keys and shapes, no recordedAt', () => {
    expect(facts.flatMap(contractProblems)).toEqual([]);
    expect(facts.some((f) => 'recordedAt' in f)).toBe(false);
  });

  it('uses the same type and code tables as docs/facts.md', () => {
    const md = `${root}docs/facts.md`;
    const parsed = parseFactsMd(readFileSync(md, 'utf8'));
    expect(parsed.types.sort()).toEqual(Object.keys(TYPES).sort());
    expect([...parsed.codes.keys()].sort()).toEqual([...STAFF_CODES, ...WINDOW_CODES].sort());
    for (const code of WINDOW_CODES) expect(parsed.codes.get(code)).toBe('window');
  });

  it('has every type of docs/facts.md and every finding code', () => {
    for (const type of Object.keys(TYPES)) expect(count(type), type).toBeGreaterThan(0);
    const codes = new Set(facts.filter((f) => f.type === 'finding').map((f) => String(f.data.code)));
    expect([...codes].sort()).toEqual([...STAFF_CODES, ...WINDOW_CODES].sort());
  });

  it('has unique ids, facts sorted by occurredOn then id, dates on working days of the years', () => {
    expect(byId.size).toBe(facts.length);
    const misplaced = facts.filter((b, i) => {
      const a = facts[i - 1];
      return (
        a !== undefined && !(a.occurredOn < b.occurredOn || (a.occurredOn === b.occurredOn && a.id < b.id))
      );
    });
    expect(misplaced.map((f) => f.id)).toEqual([]);
    const offDays = facts.filter((f) => {
      const day = new Date(`${f.occurredOn}T00:00:00Z`).getUTCDay();
      return day === 0 || day === 6 || !EXAMPLE_CENTRE.years.includes(Number(f.occurredOn.slice(0, 4)));
    });
    expect(offDays.map((f) => f.id)).toEqual([]);
  });

  it('refers only to rostered windows and staff', () => {
    const windows = new Set(facts.filter((f) => f.type === 'roster.window').map((f) => f.subject.id));
    const staff = new Set(facts.filter((f) => f.type === 'roster.staff').map((f) => f.subject.id));
    expect(windows.size).toBe(EXAMPLE_CENTRE.windows);
    expect(staff.size).toBe(EXAMPLE_CENTRE.staff);
    for (const f of facts) {
      if (f.type === 'roster.staff') expect(windows.has(String(f.data.window)), f.id).toBe(true);
      expect((f.subject.kind === 'window' ? windows : staff).has(f.subject.id), f.id).toBe(true);
    }
  });

  it('retracts only earlier, existing, non-retraction facts of the same subject', () => {
    const position = new Map(facts.map((f, i) => [f.id, i]));
    for (const r of facts.filter((f) => f.type === 'retraction')) {
      const target = byId.get(String(r.data.retracts));
      expect(target, r.id).toBeDefined();
      expect(target?.type).not.toBe('retraction');
      expect(target?.subject).toEqual(r.subject);
      expect(position.get(target?.id ?? '') ?? Infinity).toBeLessThan(position.get(r.id) ?? -1);
    }
  });

  it('has roster changes: joiners, leavers, window moves, a category change, both categories', () => {
    const roster = facts.filter((f) => f.type === 'roster.staff');
    expect(roster.filter((f) => f.data.leftOn !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(roster.filter((f) => String(f.data.joinedOn) >= '2018-01-01').length).toBeGreaterThanOrEqual(3);
    const windowsOf = new Map<string, Set<unknown>>();
    for (const f of roster)
      windowsOf.set(f.subject.id, (windowsOf.get(f.subject.id) ?? new Set()).add(f.data.window));
    // S020 early in 2019, S007 and S030 mid-quarter (roster history: each move dated)
    const movers = [...windowsOf].filter(([, w]) => w.size > 1).map(([id]) => id);
    expect(movers.sort()).toEqual(['S007', 'S020', 'S030']);
    const categoriesOf = new Map<string, Set<unknown>>();
    for (const f of roster)
      categoriesOf.set(f.subject.id, (categoriesOf.get(f.subject.id) ?? new Set()).add(f.data.category));
    expect([...categoriesOf].filter(([, c]) => c.size > 1).map(([id]) => id)).toEqual(['S024']);
    const categories = new Set(roster.map((f) => f.data.category));
    expect([...categories].sort()).toEqual(['civil-servant', 'contract', undefined]);
  });

  it('puts exactly the scheduled staff in each quarter’s bottom group (default parameters)', () => {
    const ref = new Reference(facts);
    for (const q of quarters(EXAMPLE_CENTRE.years)) {
      const scheduled = cast.heavy
        .filter((h) => h.quarter === q)
        .map((h) => h.staff)
        .sort();
      expect(ref.bottomGroup(q), q).toEqual(scheduled);
    }
    expect(ref.bottomGroup('2019-Q4')).toHaveLength(7); // a tie at the 6th-lowest score
    // Annual means (± a few adjustment points) stay far above 60: only a grade-decision makes 不称职.
    const lowest = Math.min(...quarters(EXAMPLE_CENTRE.years).flatMap((q) => [...ref.scores(q).values()]));
    expect(lowest).toBeGreaterThan(70);
  });

  it('meets each designed return-to-unit condition from its designed date, and no other', () => {
    const ref = new Reference(facts);
    const years = EXAMPLE_CENTRE.years;
    for (const role of cast.roles.filter((r) => r.provision !== 'A7.4.1')) {
      if (!role.metFrom) continue;
      const dayBefore = dateOf(new Date(`${role.metFrom}T00:00:00Z`).getTime() / 86_400_000 - 1);
      expect(
        ref.metOn(role.metFrom, years)[role.provision]?.has(role.staff),
        `${role.staff} ${role.provision}`,
      ).toBe(true);
      expect(ref.metOn(dayBefore, years)[role.provision]?.has(role.staff), `${role.staff} before`).toBe(
        false,
      );
    }
    const end = ref.metOn('2020-01-01', years);
    for (const provision of ['A7.4.2', 'A7.4.3', 'A7.4.4', 'A7.4.5', 'A7.4.6']) {
      const designed = cast.roles.filter((r) => r.provision === provision && r.met).map((r) => r.staff);
      expect([...(end[provision] ?? [])].sort(), provision).toEqual(designed.sort());
    }
    const decision = facts.find((f) => f.type === 'grade-decision' && f.subject.id === 'S044');
    expect(decision?.data).toMatchObject({ period: '2018', grade: '不称职' });
    const roster = facts.filter((f) => f.type === 'roster.staff' && f.subject.id === 'S044');
    expect(roster.at(-1)?.data.category).toBe('contract');
  });

  it('validates against the fact schema', async () => {
    const errors = await validateWithSchema(root, facts);
    expect(errors.slice(0, 5)).toEqual([]);
  });

  it('generates other centres too (one year, few staff) and scales the everyday volume', () => {
    const small = generateCentre({ seed: 1, staff: 10, windows: 3, years: [2020] });
    expect(small.flatMap(contractProblems)).toEqual([]);
    expect(new Set(small.map((f) => f.id)).size).toBe(small.length);
    const busy = generateCentre({ ...EXAMPLE_CENTRE, factsPerStaffPerYear: 300 });
    expect(busy.filter((f) => f.type === 'rating').length).toBeGreaterThan(count('rating') * 2);
  });
});

describe('district generator', () => {
  const options = { seed: 5, staff: 250, windows: 60, year: 2018, totalFacts: 20_000 };

  it('yields exactly the requested number of valid, distinct facts, roster first, day by day', async () => {
    const district = districtFactsArray(options);
    expect(district).toHaveLength(20_000);
    expect(checkStream(district, 310)).toEqual([]);
    expect(new Set(district).size).toBe(district.length);
    expect(new Set(district.map((f) => f.data)).size).toBe(district.length);
    expect(toNdjson(districtFactsArray(options))).toBe(toNdjson(district));
    for (const type of Object.keys(TYPES))
      expect(
        district.some((f) => f.type === type),
        type,
      ).toBe(true);
    expect(district.filter((f) => f.type === 'finding').length).toBeGreaterThan(1000);
    expect((await validateWithSchema(root, district)).slice(0, 5)).toEqual([]);
  });

  it('streams lazily and copes with totals smaller than the roster', () => {
    const it = districtFacts({ ...options, totalFacts: 1_000_000 });
    expect(it.next().value?.type).toBe('roster.window');
    expect(districtFactsArray({ ...options, totalFacts: 100 })).toHaveLength(100);
    expect(districtFactsArray({ ...options, totalFacts: 0 })).toHaveLength(0);
    expect(isDate('2018-02-30')).toBe(false);
  });
});
