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
 * reported. The builders run their raw arguments through the same code
 * (`{ Type, Params }`, networks, `Task.from`, `Job.from`), keeping the unknown
 * keys, which they report when the spec is built (see {@link CanonicalSource}).
 *
 * @module
 */
import { copyJson } from '../core/copy.js';
import { builtInTypeNamed, networkType, WIRE_KEYS, type SpecRole } from '../schema/description.js';
import { isPlainObject } from '../core/report.js';

type Converter = (value: unknown) => unknown;
type Raw = Readonly<Record<string, unknown>>;

/**
 * Where a value comes from. `read`: a spec read from outside (or a draft's), copied
 * here; keys the description does not know are left out, the validator having
 * reported them. `argument`: a builder's argument, already copied by the builder
 * (which reported any non-JSON content); keys the description does not know stay,
 * after the known ones, for the validator to report when the task is built.
 */
export type CanonicalSource = 'read' | 'argument';

/**
 * Copies `raw` with its keys renamed to the canonical ones in `order`
 * (matching ignoring case, as Go's decoder does), in that order. A value that
 * is not an object (only in a draft or an argument) is returned as it is.
 */
function canonicalObject(
  raw: unknown,
  order: readonly string[],
  source: CanonicalSource,
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
  const used = new Set<string>();
  for (const key of order) {
    const rawKey = setKeys.get(key.toLowerCase());
    if (rawKey === undefined) continue;
    used.add(rawKey);
    const value = raw[rawKey];
    const convert = converters[key];
    const converted = convert !== undefined ? convert(value) : source === 'read' ? copyJson(value, '', []) : value;
    if (converted !== undefined && !(dropEmpty && isUnset(converted))) entries.push([key, converted]);
  }
  if (source === 'argument') {
    // Unknown keys and second spellings of a known one, as given: the validator reports them.
    for (const rawKey of Object.keys(raw)) {
      if (!used.has(rawKey) && raw[rawKey] !== undefined && !(raw[rawKey] === null && order.some((key) => key.toLowerCase() === rawKey.toLowerCase()))) {
        entries.push([rawKey, raw[rawKey]]);
      }
    }
  }
  return Object.fromEntries(entries);
}

/** Whether Bacalhau reads `value` as "not set": undefined, or an empty list or map. */
export function isUnset(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

const orUnset: Converter = (value) => (value === '' ? undefined : value);

const list =
  (convert: Converter): Converter =>
  (value) =>
    Array.isArray(value) ? value.map(convert) : value;

/**
 * How a built-in type is written canonically: its name (deprecated aliases
 * replaced, e.g. `localDirectory` → `local`) and its Params keys in order;
 * `undefined` for custom types, whose Params are left as they are.
 */
function canonicalType(role: SpecRole, type: string): { readonly name: string; readonly params: readonly string[] } | undefined {
  const builtIn = builtInTypeNamed(role, type);
  if (builtIn === undefined) return undefined;
  return { name: builtIn.replacement ?? builtIn.name, params: Object.keys(builtIn.params) };
}

/** The converters of the wire objects that need more than their keys renamed, for values from `source`. */
function convertersFor(source: CanonicalSource) {
  const specConfig =
    (role: SpecRole): Converter =>
    (raw) => {
      const spec = canonicalObject(raw, WIRE_KEYS.specConfig, source);
      if (!isPlainObject(spec)) return spec;
      const type = typeof spec['Type'] === 'string' ? canonicalType(role, spec['Type']) : undefined;
      if (type === undefined) return spec;
      // Params are kept as written (only nulls go): an empty list there is the engine's business.
      // A draft's Params of the wrong type (a list, a string) stays as read.
      const params = spec['Params'] === undefined ? undefined : canonicalObject(spec['Params'], type.params, source, paramConverters[type.name], false);
      const { Type: _type, Params: _params, ...unknown } = spec;
      return params === undefined || (isPlainObject(params) && Object.keys(params).length === 0)
        ? { Type: type.name, ...unknown }
        : { Type: type.name, Params: params, ...unknown };
    };

  // Legacy WASM modules are input sources; current ones are path strings.
  const module: Converter = (m) => (isPlainObject(m) ? inputSource(m) : m);
  /** The converters of built-in types' Params that hold objects, by type name. */
  const paramConverters: Readonly<Record<string, Readonly<Record<string, Converter>>>> = {
    s3: { Partition: (p) => canonicalObject(p, WIRE_KEYS.partition, source) },
    wasm: { EntryModule: module, ImportModules: list(module) },
  };

  // Each converter is made once here: they run for every object of every spec.
  const specConfigs: Readonly<Record<SpecRole, Converter>> = { engine: specConfig('engine'), publisher: specConfig('publisher'), source: specConfig('source') };
  const inputSourceConverters: Readonly<Record<string, Converter>> = { Source: specConfigs.source };
  const inputSource: Converter = (raw) => canonicalObject(raw, WIRE_KEYS.inputSource, source, inputSourceConverters);

  const network: Converter = (raw) =>
    canonicalObject(raw, WIRE_KEYS.network, source, {
      Type: (type) => {
        const canonical = typeof type === 'string' ? networkType(type) : undefined;
        return canonical === 'Full' ? 'Host' : (canonical ?? type);
      },
      Ports: list((port) => canonicalObject(port, WIRE_KEYS.port, source)),
    });

  /** The Publisher, or undefined when Bacalhau would treat it as unset (`{ Type: "" }`). */
  const publisher: Converter = (raw) => {
    const spec = specConfigs.publisher(raw);
    return isPlainObject(spec) && spec['Type'] === '' && spec['Params'] === undefined && Object.keys(spec).length === 1 ? undefined : spec;
  };

  return {
    specConfig: specConfigs,
    inputSource,
    network,
    task: {
      Engine: specConfigs.engine,
      Publisher: publisher,
      InputSources: list(inputSource),
      ResultPaths: list((r) => canonicalObject(r, WIRE_KEYS.resultPath, source)),
      // An empty resource string means "unset" (the node's default applies).
      Resources: (r) => canonicalObject(r, WIRE_KEYS.resources, source, { CPU: orUnset, Memory: orUnset, Disk: orUnset, GPU: orUnset }),
      Network: network,
      Timeouts: (t) => canonicalObject(t, WIRE_KEYS.timeouts, source),
    } satisfies Readonly<Record<string, Converter>>,
    job: {
      Constraints: list((c) => canonicalObject(c, WIRE_KEYS.constraint, source)),
    } satisfies Readonly<Record<string, Converter>>,
  };
}

const READ = convertersFor('read');
const ARGUMENT = convertersFor('argument');

/**
 * A builder's `{ Type, Params }` argument (already copied) in canonical form,
 * as the readers write it: canonical keys, order and type name, no empty
 * Params; keys the description does not know stay for the validator to report.
 */
export function canonicalSpecConfigArgument(role: SpecRole, copied: unknown): unknown {
  return ARGUMENT.specConfig[role](copied);
}

/** A builder's network argument (already copied) in canonical form; unknown keys stay, as for {@link canonicalSpecConfigArgument}. */
export function canonicalNetworkArgument(copied: unknown): unknown {
  return ARGUMENT.network(copied);
}

/**
 * A task given to `Task.from` (already copied) in canonical form; unknown keys
 * stay, as for {@link canonicalSpecConfigArgument}. A legacy WASM engine stays
 * as given, for the validator to flag, rather than being converted unseen.
 */
export function canonicalTaskArgument(copied: Raw): Record<string, unknown> {
  return canonicalObject(copied, WIRE_KEYS.task, 'argument', ARGUMENT.task) as Record<string, unknown>;
}

/** A job given to `Job.from` (already copied) in canonical form, its tasks as {@link canonicalTaskArgument} writes them. */
export function canonicalJobArgument(copied: Raw): Record<string, unknown> {
  return canonicalObject(copied, WIRE_KEYS.job, 'argument', {
    ...ARGUMENT.job,
    Tasks: list((task) => (isPlainObject(task) ? canonicalTaskArgument(task) : task)),
  }) as Record<string, unknown>;
}

/** The canonical form of a wire task (an object): a valid one, or a draft's. */
export function canonicalTask(raw: Raw): Record<string, unknown> {
  const task = canonicalObject(raw, WIRE_KEYS.task, 'read', READ.task) as Record<string, unknown>;
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
  task['InputSources'] = inputs.map(READ.inputSource);
}

/** The canonical form of a wire job (an object): a valid one, or a draft's. */
export function canonicalJob(raw: Raw): Record<string, unknown> {
  return canonicalObject(raw, WIRE_KEYS.job, 'read', {
    ...READ.job,
    // A draft's task that is not an object stays as read.
    Tasks: list((task) => (isPlainObject(task) ? canonicalTask(task) : task)),
  }) as Record<string, unknown>;
}
