/**
 * Canonical form of a valid spec read from outside: PascalCase keys (Bacalhau
 * matches keys case-insensitively), Bacalhau's key order, canonical type names
 * (`Docker` → `docker`, `localDirectory` → `local`, network `full` → `Host`),
 * and nothing that means "unset" to Bacalhau: no `null`s (Go's decoder skips
 * them), no empty lists, maps or resource strings in the task and job fields
 * (what the server fills in and returns, and what Go's `omitempty` leaves out).
 * Inside `Params` only nulls go, and an empty `Params` is left out.
 *
 * Runs on specs the validator accepted, where every key is known, and on the
 * drafts of specs it refused (see `draft.ts`): there a value of the wrong type
 * (`Resources: lots`, `Params: [...]`) is kept as read, for the builder to
 * report again, and the keys left out are the unknown ones the validator
 * reported.
 *
 * @module
 */
import { copyJson } from './copy.js';
import { WIRE_KEYS } from './schema/wire-keys.js';
import { isPlainObject } from './validation/report.js';
import { networkType } from './validation/network.js';
import { canonicalType, type SpecRole } from './validation/spec-config.js';

type Converter = (value: unknown) => unknown;
type Raw = Readonly<Record<string, unknown>>;

/**
 * Copies `raw` with its keys renamed to the canonical ones in `order`
 * (matching ignoring case, as Go's decoder does), in that order; keys not in
 * `order` are dropped (the validator has already refused them). A value that
 * is not an object (only in a draft) is returned as it is.
 */
function canonicalObject(raw: Raw, order: readonly string[], converters?: Readonly<Record<string, Converter>>, dropEmpty?: boolean): Record<string, unknown>;
function canonicalObject(raw: unknown, order: readonly string[], converters?: Readonly<Record<string, Converter>>, dropEmpty?: boolean): unknown;
function canonicalObject(
  raw: unknown,
  order: readonly string[],
  converters: Readonly<Record<string, Converter>> = {},
  dropEmpty = true,
): unknown {
  if (!isPlainObject(raw)) return raw;
  // Each field's value is that of the first key that names it and is set. A null leaves a field unset
  // for Go, so `Name: null` next to `name: x` is valid and means x; two set keys are a duplicate-key
  // problem, and a draft keeps the first, as the validator does, leaving out the one it reported.
  const setKeys = new Map<string, string>();
  for (const rawKey of Object.keys(raw)) {
    const lower = rawKey.toLowerCase();
    if (raw[rawKey] !== undefined && raw[rawKey] !== null && !setKeys.has(lower)) setKeys.set(lower, rawKey);
  }
  const entries: [string, unknown][] = [];
  for (const key of order) {
    const rawKey = setKeys.get(key.toLowerCase());
    const value = rawKey === undefined ? undefined : raw[rawKey];
    if (value === undefined || value === null) continue;
    const convert = converters[key];
    const converted = convert === undefined ? copyValue(value) : convert(value);
    if (converted !== undefined && !(dropEmpty && isUnset(converted))) entries.push([key, converted]);
  }
  return Object.fromEntries(entries);
}

/** Whether Bacalhau reads `value` as "not set": undefined, or an empty list or map. */
export function isUnset(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** A plain deep copy of valid data (iterative; `__proto__` keys stay data). */
function copyValue(value: unknown): unknown {
  return copyJson(value, '', []);
}

const orUnset: Converter = (value) => (value === '' ? undefined : value);

const list =
  (convert: Converter): Converter =>
  (value) =>
    Array.isArray(value) ? value.map(convert) : value;

function specConfig(role: SpecRole): Converter {
  return (raw) => {
    const spec = canonicalObject(raw, WIRE_KEYS.specConfig);
    if (!isPlainObject(spec)) return spec;
    const type = typeof spec['Type'] === 'string' ? canonicalType(role, spec['Type']) : undefined;
    if (type === undefined) return spec;
    // Params are kept as written (only nulls go): an empty list there is the engine's business.
    // A draft's Params of the wrong type (a list, a string) stays as read.
    const params = spec['Params'] === undefined ? undefined : canonicalObject(spec['Params'], type.params, paramConverters(type.name), false);
    return params === undefined || (isPlainObject(params) && Object.keys(params).length === 0) ? { Type: type.name } : { Type: type.name, Params: params };
  };
}

function paramConverters(type: string): Readonly<Record<string, Converter>> {
  if (type === 's3') return { Partition: (p) => canonicalObject(p, WIRE_KEYS.partition) };
  // Legacy WASM modules are input sources; current ones are path strings.
  const module = (m: unknown): unknown => (isPlainObject(m) ? inputSource(m) : m);
  if (type === 'wasm') return { EntryModule: module, ImportModules: list(module) };
  return {};
}

const inputSource: Converter = (raw) => canonicalObject(raw, WIRE_KEYS.inputSource, { Source: specConfig('source') });

const network: Converter = (raw) =>
  canonicalObject(raw, WIRE_KEYS.network, {
    Type: (type) => {
      const canonical = typeof type === 'string' ? networkType(type) : undefined;
      return canonical === 'Full' ? 'Host' : (canonical ?? type);
    },
    Ports: list((port) => canonicalObject(port, WIRE_KEYS.port)),
  });

/** The Publisher, or undefined when Bacalhau would treat it as unset (`{ Type: "" }`). */
const publisher: Converter = (raw) => {
  const spec = specConfig('publisher')(raw);
  return isPlainObject(spec) && spec['Type'] === '' && spec['Params'] === undefined ? undefined : spec;
};

const TASK_CONVERTERS: Readonly<Record<string, Converter>> = {
  Engine: specConfig('engine'),
  Publisher: publisher,
  InputSources: list(inputSource),
  ResultPaths: list((r) => canonicalObject(r, WIRE_KEYS.resultPath)),
  // An empty resource string means "unset" (the node's default applies).
  Resources: (r) => canonicalObject(r, WIRE_KEYS.resources, { CPU: orUnset, Memory: orUnset, Disk: orUnset, GPU: orUnset }),
  Network: network,
  Timeouts: (t) => canonicalObject(t, WIRE_KEYS.timeouts),
};


/** The canonical form of a wire task (an object): a valid one, or a draft's. */
export function canonicalTask(raw: Raw): Record<string, unknown> {
  const task = canonicalObject(raw, WIRE_KEYS.task, TASK_CONVERTERS);
  if (task['Publisher'] === undefined) delete task['Publisher'];
  convertLegacyWasm(task);
  return task;
}

/** Where Bacalhau mounts a legacy entry module or import module that has no Target. */
const LEGACY_ENTRY_TARGET = '/wasm/entry.wasm';
const legacyImportTarget = (index: number): string => `/wasm/imports/module_${index}.wasm`;

/**
 * Rewrites a legacy WASM engine (EntryModule and ImportModules as input
 * sources) the way Bacalhau's orchestrator does before it stores the job: the
 * modules become input sources (mounted at `/wasm/entry.wasm` and
 * `/wasm/imports/module_<i>.wasm` when they name no Target), and the Params
 * name their paths. Sending the converted form makes the stored job equal to
 * the spec, so reading it back and resubmitting it changes nothing.
 */
function convertLegacyWasm(task: Record<string, unknown>): void {
  const engine = task['Engine'];
  if (!isPlainObject(engine) || engine['Type'] !== 'wasm' || !isPlainObject(engine['Params'])) return;
  const params = engine['Params'];
  const entry = params['EntryModule'];
  const imports = Array.isArray(params['ImportModules']) ? (params['ImportModules'] as unknown[]) : [];
  if (!isPlainObject(entry) && !imports.some(isPlainObject)) return;
  // A draft's InputSources that is not a list stays as read; the builder reports it again.
  if (task['InputSources'] !== undefined && !Array.isArray(task['InputSources'])) return;
  const inputs = Array.isArray(task['InputSources']) ? [...(task['InputSources'] as unknown[])] : [];
  const mount = (module: Readonly<Record<string, unknown>>, fallback: string): string => {
    const target = typeof module['Target'] === 'string' && module['Target'] !== '' ? module['Target'] : fallback;
    inputs.push({ ...module, Alias: module['Alias'] ?? '', Target: target });
    return target;
  };
  const converted: Record<string, unknown> = {};
  if (isPlainObject(entry)) converted['EntryModule'] = mount(entry, LEGACY_ENTRY_TARGET);
  if (params['Entrypoint'] !== undefined) converted['Entrypoint'] = params['Entrypoint'];
  if (params['Parameters'] !== undefined) converted['Parameters'] = params['Parameters'];
  const importTargets = imports.flatMap((module, index) => (isPlainObject(module) ? [mount(module, legacyImportTarget(index))] : []));
  if (importTargets.length > 0) converted['ImportModules'] = importTargets;
  task['Engine'] = { Type: 'wasm', Params: converted };
  task['InputSources'] = inputs.map(inputSource);
}

/** The canonical form of a wire job (an object): a valid one, or a draft's. */
export function canonicalJob(raw: Raw): Record<string, unknown> {
  return canonicalObject(raw, WIRE_KEYS.job, {
    Constraints: list((c) => canonicalObject(c, WIRE_KEYS.constraint)),
    // A draft's task that is not an object stays as read.
    Tasks: list((task) => (isPlainObject(task) ? canonicalTask(task) : task)),
  });
}
