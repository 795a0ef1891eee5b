// The layering of src/, checked by `npm run lint` (dependency-cruiser). LAYERS lists, for each
// folder, the folders it may import; anything else is an error, and so is any import cycle.
// docs/ARCHITECTURE.md ("Layers") shows the same table: change both together.
const LAYERS = {
  model: [],
  explain: [],
  periods: [],
  log: [],
  schemas: ['explain'],
  rules: ['schemas', 'explain', 'model'],
  engine: ['rules', 'periods', 'model', 'explain'],
  testing: ['engine', 'rules', 'periods', 'schemas', 'model', 'explain'],
  // one module per rule kind: its loader checks, engine stage and test hooks, installed by cli/
  kinds: ['testing', 'engine', 'rules', 'periods', 'schemas', 'model', 'explain'],
  store: ['schemas', 'model', 'explain'],
  documents: ['engine', 'rules', 'periods', 'model', 'explain'],
  config: ['log'],
  service: ['documents', 'testing', 'engine', 'store', 'rules', 'periods', 'schemas', 'model', 'explain', 'log'],
  console: ['service', 'documents', 'config', 'rules', 'periods', 'schemas', 'model', 'explain', 'log'],
  http: ['console', 'service', 'documents', 'config', 'rules', 'periods', 'schemas', 'model', 'explain', 'log'],
  cli: ['http', 'console', 'service', 'documents', 'config', 'kinds', 'testing', 'engine', 'store', 'rules', 'periods', 'schemas', 'model', 'explain', 'log'],
};

const layerRules = Object.entries(LAYERS).map(([from, allowed]) => ({
  name: `layer-${from}`,
  comment: `src/${from}/ may import only ${allowed.length ? allowed.map((d) => `src/${d}/`).join(', ') : 'no other src/ folder'}`,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: '^src/', pathNot: `^src/(${[from, ...allowed].join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'an import cycle makes a module unusable without the others; move the shared part out',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-unknown-folder',
      comment: 'every folder of src/ has a place in LAYERS (add it there and to docs/ARCHITECTURE.md)',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(${Object.keys(LAYERS).join('|')})/` },
      to: {},
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from a layer above is a dependency on it all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
