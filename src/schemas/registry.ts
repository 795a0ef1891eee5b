// The public face of src/schemas: every JSON Schema of schemas/ compiled by one Ajv instance,
// and the fact validation built on it. Import from here, not from the files behind it.

export type { ContractExtension, DeclaredFactType } from './fact-extension.js';
export { declaredDef, declaredTypeProblem, extendedFactDocument } from './fact-extension.js';
export type { BatchFactError, FactError } from './facts.js';
export { canonicalJson, validateFact, validateFactBatch } from './facts.js';
export type { FormatOptions, SchemaError } from './format.js';
export { fieldName, formatAjvErrors } from './format.js';
export type { SchemaDocument } from './loader.js';
export {
  getValidator,
  projectRoot,
  schemaDirectory,
  schemaDocuments,
  useSchemaDirectory,
} from './loader.js';
export type { FactVocabulary, VocabularyOn } from './vocabulary.js';
export { vocabularyByDate } from './vocabulary.js';
