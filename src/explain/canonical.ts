// Canonical JSON for content hashes and digests: RFC 8785, the JSON Canonicalization Scheme (JCS),
// through the implementation of one of its authors (`canonicalize`), so that anyone holding the
// data can recompute a hash kept for years with any JCS implementation.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The RFC 8785 form of `value` (an undefined value, which JSON cannot hold, as null). */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function contentHash(value: unknown): string {
  return sha256(canonicalJson(value));
}
