/**
 * The architecture as a rule file: the library's layers, lowest first. A
 * module may import its own layer and the layers below it, never one above;
 * `node/` and `cli/` sit on top and reach the library only through its public
 * entry points. test/architecture.test.ts runs these rules in `npm test`.
 *
 *   core → schema → validation → io → builders → client → index.ts → node/, cli/
 */

/** Each layer by the path of its modules (matched anywhere in a path, so the rules also apply to test fixtures). */
const LAYERS = [
  { name: 'core', path: 'src/core/', holds: 'JSON values, copying, freezing, paths and problems, the validated-result type, the rule catalogue' },
  { name: 'schema', path: 'src/schema/', holds: 'the wire format written once, its types, job-type traits, field docs, the JSON Schema' },
  { name: 'validation', path: 'src/validation/', holds: "Bacalhau's rules, read from the schema" },
  { name: 'io', path: 'src/io/', holds: 'reading text, parsing, canonical form, writing YAML/JSON, what the SDK made' },
  { name: 'builders', path: 'src/builders/', holds: 'the task and job builders and the typed helpers' },
  { name: 'client', path: 'src/client/', holds: 'the REST client (no Node built-ins)' },
  { name: 'entry', path: 'src/index\\.ts$', holds: 'the public entry point' },
];

const escape = (path) => path.replace(/\//g, '\\/');
const pathOf = (layer) => `(^|/)${escape(layer.path)}`;

/** For each layer, the layers above it, which it must not import. */
const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `${layer.name}-imports-downward`,
  comment: `${layer.name} (${layer.holds}) may import only ${LAYERS.slice(0, index + 1).map((l) => l.name).join(', ')}`,
  severity: 'error',
  from: { path: pathOf(layer) },
  to: { path: LAYERS.slice(index + 1).map(pathOf) },
}));

/** node/ and cli/ use the library as a user would: through `index.ts` and `node/index.ts` only. */
const onTop = ['node', 'cli'].map((folder) => ({
  name: `${folder}-uses-public-entry-points`,
  comment: `${folder}/ reaches the library only through src/index.ts and src/node/index.ts`,
  severity: 'error',
  from: { path: `(^|/)src/${folder}/` },
  to: {
    path: '(^|/)src/',
    pathNot: ['(^|/)src/index\\.ts$', '(^|/)src/node/index\\.ts$', `(^|/)src/${folder}/`],
  },
}));

/** The library never imports the tools built on it. */
const libraryBelowTools = {
  name: 'library-does-not-import-node-or-cli',
  comment: 'nothing in the library imports node/ or cli/',
  severity: 'error',
  from: { path: LAYERS.map(pathOf) },
  to: { path: ['(^|/)src/node/', '(^|/)src/cli/'] },
};

module.exports = {
  forbidden: [...upward, ...onTop, libraryBelowTools],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
