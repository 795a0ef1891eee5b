// Rulesets and evaluations: one document per key holding the record as JSON, inserted once and
// never overwritten (a re-put of the same content is accepted, different content is a conflict).
import type { Filter } from 'mongodb';
import { assertString, kindPeriodFilter, RecordConflictError, sameContent } from '../common.js';
import type { EvaluationRecord, RulesetRecord } from '../port.js';
import type { EvaluationDoc, MongoCollections } from './documents.js';
import { isDuplicateKey } from './duplicate-keys.js';

type RulesetCollections = Pick<MongoCollections, 'rulesets'>;
type EvaluationCollections = Pick<MongoCollections, 'evaluations'>;

export async function putRuleset(c: RulesetCollections, record: RulesetRecord): Promise<boolean> {
  assertString(record.hash, 'ruleset hash');
  assertString(record.publishedAt, 'ruleset publishedAt');
  try {
    await c.rulesets.insertOne({
      _id: record.hash,
      publishedAt: record.publishedAt,
      doc: JSON.stringify(record),
    });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export async function listRulesets(c: RulesetCollections): Promise<RulesetRecord[]> {
  const docs = await c.rulesets.find({}).sort({ publishedAt: 1, _id: 1 }).toArray();
  return docs.map((d) => JSON.parse(d.doc) as RulesetRecord);
}

export async function getRuleset(c: RulesetCollections, hash: string): Promise<RulesetRecord | null> {
  assertString(hash, 'hash');
  const d = await c.rulesets.findOne({ _id: hash });
  return d ? (JSON.parse(d.doc) as RulesetRecord) : null;
}

export async function putEvaluation(c: EvaluationCollections, record: EvaluationRecord): Promise<void> {
  assertString(record.id, 'evaluation id');
  assertString(record.kind, 'evaluation kind');
  assertString(record.period, 'evaluation period');
  assertString(record.createdAt, 'evaluation createdAt');
  const doc = JSON.stringify(record);
  try {
    await c.evaluations.insertOne({
      _id: record.id,
      kind: record.kind,
      period: record.period,
      createdAt: record.createdAt,
      doc,
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = await c.evaluations.findOne({ _id: record.id });
    if (!existing || !sameContent(existing.doc, doc)) {
      throw new RecordConflictError(`evaluation ${record.id} is already stored with different content`);
    }
  }
}

export async function getEvaluation(c: EvaluationCollections, id: string): Promise<EvaluationRecord | null> {
  assertString(id, 'id');
  const d = await c.evaluations.findOne({ _id: id });
  return d ? (JSON.parse(d.doc) as EvaluationRecord) : null;
}

export async function listEvaluations(
  c: EvaluationCollections,
  filter: { kind?: string; period?: string },
): Promise<EvaluationRecord[]> {
  const f: Filter<EvaluationDoc> = kindPeriodFilter(filter);
  const docs = await c.evaluations.find(f).sort({ createdAt: 1, _id: 1 }).toArray();
  return docs.map((d) => JSON.parse(d.doc) as EvaluationRecord);
}
