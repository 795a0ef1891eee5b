// `principle`: a principle or duty with no score of its own; it only covers its provisions.
import { defineKind } from './kind.js';

export const principle = defineKind({
  kind: 'principle',
  rules: { schema: 'principle', tagged: false },
  engine: {},
  // Declaring a provision exercises nothing: principles produce no output.
  testing: { exercisable: false },
});
