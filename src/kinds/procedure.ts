// `procedure`: the round an evaluation kind's results go through (propose, review, publish) and its
// notice (rules/procedure.ts, checked by rules/check-procedure.ts; run by service/rounds.ts).
import { checkProcedures } from '../rules/check-procedure.js';
import { defineKind } from './kind.js';

export const procedure = defineKind({
  kind: 'procedure',
  rules: { schema: 'procedure', tagged: false, ruleSetChecks: checkProcedures },
  engine: {},
  testing: { exercisable: false },
});
