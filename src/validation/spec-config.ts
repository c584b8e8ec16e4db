/**
 * Rules for `{ Type, Params }` objects: engines, publishers and input sources,
 * including the per-type Params checks that Bacalhau leaves to compute nodes
 * (`engines-publishers-sources.md` §5).
 *
 * @module
 */
import { expectObject, readFields, type FieldRules, type FieldRulesFor, type Fields } from './fields.js';
import { copyJson, MAX_DEPTH } from '../copy.js';
import type { Problem } from '../errors.js';
import { childPath, indexPath, isPlainObject, jsonTypeOf, pathSegments, type Report } from './report.js';
import { downloadUrlError, goRegexError, isAbsolutePath, isDataUrl } from './syntax.js';

/** Which role a SpecConfig plays in a task. */
export type { SpecRole } from '../specs/role.js';
import type { SpecRole } from '../specs/role.js';

/** What a Params check may need to know about the rest of the task. */
export interface TaskContext {
  /** The `Target`s of the task's input sources. */
  readonly inputTargets: readonly string[];
}

type ParamsCheck = (params: Fields, path: string, report: Report, context: TaskContext) => void;

interface BuiltInType {
  /** Canonical spelling of the type. */
  readonly name: string;
  /** Known Params keys; an empty object means the type takes no Params. */
  readonly params: FieldRules;
  readonly check?: ParamsCheck;
  /** `deprecated`: still works, `replacement` is preferred. `test-only`: only devstack nodes run it. `result-only`: appears in results, never as a job input. */
  readonly status?: 'deprecated' | 'test-only' | 'result-only';
  readonly replacement?: string;
}

function notBlank(params: Fields, key: string, path: string, report: Report, what: string): void {
  const value = params[key];
  if (typeof value === 'string' && value.trim() === '') report.error(childPath(path, key), 'not-blank', `${what} must not be blank`);
}

const checkDocker: ParamsCheck = (params, path, report) => {
  notBlank(params, 'Image', path, report, 'docker Image');
  const workingDirectory = params['WorkingDirectory'];
  if (typeof workingDirectory === 'string' && workingDirectory !== '' && !isAbsolutePath(workingDirectory)) {
    report.error(childPath(path, 'WorkingDirectory'), 'absolute-path', `must be an absolute path, got '${workingDirectory}'`);
  }
  const variables = params['EnvironmentVariables'];
  if (!Array.isArray(variables)) return;
  for (const [index, entry] of (variables as readonly string[]).entries()) {
    const entryPath = indexPath(childPath(path, 'EnvironmentVariables'), index);
    const separator = entry.indexOf('=');
    if (separator === -1) {
      report.error(entryPath, 'env-name', `'${entry}' has no '=': Bacalhau would silently drop it (write NAME=value)`);
    } else if (entry.slice(0, separator).toUpperCase().startsWith('BACALHAU_')) {
      report.error(entryPath, 'env-reserved', `environment variable '${entry.slice(0, separator)}' cannot start with BACALHAU_ (reserved for the system)`);
    }
  }
};

/** Strips one leading `/`: WASM module paths may be written either way. */
function modulePath(path: string): string {
  return path.startsWith('/') ? path.slice(1) : path;
}

const checkWasm: ParamsCheck = (params, path, report, context) => {
  const entryModule = params['EntryModule'];
  const entryPath = childPath(path, 'EntryModule');
  if (typeof entryModule === 'string') {
    const module = modulePath(entryModule.trim());
    const targets = context.inputTargets.map((target) => modulePath(target.trim()));
    if (module === '') {
      report.error(entryPath, 'not-blank', 'wasm EntryModule must not be blank');
    } else if (!targets.some((target) => module === target || module.startsWith(`${target}/`))) {
      const known = targets.length === 0 ? 'the task has no input sources' : `input targets: ${targets.map((t) => `/${t}`).join(', ')}`;
      report.error(entryPath, 'wasm-entry-module', `'${entryModule}' is not the Target of an input source (${known}); mount the module with .input(…)`);
    }
  } else if (isPlainObject(entryModule)) {
    report.warn(entryPath, 'deprecated', 'legacy WASM format: EntryModule is an input source; Bacalhau converts it, but current specs name the module path and mount it with InputSources');
    checkInputSource(entryModule, entryPath, report, context, false);
  } else if (entryModule !== undefined) {
    report.error(entryPath, 'type', `must be a string (the module's path), got ${jsonTypeOf(entryModule)}`);
  }
  if (params['Entrypoint'] === undefined) {
    report.error(childPath(path, 'Entrypoint'), 'required', "wasm engine needs an Entrypoint (use '_start' for WASI modules); there is no default");
  } else {
    notBlank(params, 'Entrypoint', path, report, 'wasm Entrypoint');
  }
  // Bacalhau reads the Params in one format or the other: in the legacy one (EntryModule an input
  // source) import modules must be input sources too, in the current one paths; a mix fails its conversion.
  const legacy = isPlainObject(entryModule);
  const imports = params['ImportModules'];
  if (Array.isArray(imports)) {
    for (const [index, item] of (imports as readonly unknown[]).entries()) {
      const itemPath = indexPath(childPath(path, 'ImportModules'), index);
      if (legacy && isPlainObject(item)) checkInputSource(item, itemPath, report, context, false);
      else if (!legacy && typeof item === 'string') continue;
      else if (legacy) report.error(itemPath, 'type', `must be an input source, like EntryModule in this legacy format, got ${jsonTypeOf(item)}`);
      else report.error(itemPath, 'type', `must be a string (a module's path), got ${jsonTypeOf(item)}`);
    }
  }
};

const checkS3Publisher: ParamsCheck = (params, path, report) => {
  notBlank(params, 'Bucket', path, report, 's3 publisher Bucket');
  notBlank(params, 'Key', path, report, 's3 publisher Key');
  const encoding = params['Encoding'];
  if (typeof encoding === 'string' && !['', 'gzip', 'plain'].includes(encoding)) {
    report.error(childPath(path, 'Encoding'), 'one-of', `must be 'gzip' or 'plain' (case-sensitive), got '${encoding}'`);
  }
};

/** The keys of an s3 source's `Partition`. */
export const PARTITION_FIELDS: FieldRulesFor<'partition'> = {
  Type: { kind: 'string' },
  Pattern: { kind: 'string' },
  StartIndex: { kind: 'integer' },
  EndIndex: { kind: 'integer' },
  DateFormat: { kind: 'string' },
};
/** The partition types Bacalhau knows, exactly (the empty string means none). */
export const PARTITION_TYPES: readonly string[] = ['', 'none', 'object', 'regex', 'substring', 'date'];

function checkRegex(params: Fields, key: string, path: string, report: Report): void {
  const pattern = params[key];
  if (typeof pattern !== 'string' || pattern === '') return;
  const problem = goRegexError(pattern);
  if (problem !== undefined) report.error(childPath(path, key), 'regex', `invalid regex pattern '${pattern}': ${problem}`);
}

function checkPartition(partition: Readonly<Record<string, unknown>>, path: string, report: Report): void {
  const fields = readFields(partition, path, 's3 partition', PARTITION_FIELDS, report);
  const type = fields['Type'];
  if (typeof type !== 'string') return;
  if (!PARTITION_TYPES.includes(type)) {
    report.error(childPath(path, 'Type'), 'one-of', `unsupported partition type '${type}': use none, object, regex, substring or date (lowercase)`);
  } else if (type === 'regex') {
    if (typeof fields['Pattern'] !== 'string' || fields['Pattern'] === '') report.error(childPath(path, 'Pattern'), 'required', 'regex pattern cannot be empty');
    checkRegex(fields, 'Pattern', path, report);
  } else if (type === 'substring') {
    const start = typeof fields['StartIndex'] === 'number' ? fields['StartIndex'] : 0;
    const end = typeof fields['EndIndex'] === 'number' ? fields['EndIndex'] : 0;
    if (start < 0) report.error(childPath(path, 'StartIndex'), 'range', 'start index cannot be negative');
    if (end <= start) report.error(childPath(path, 'EndIndex'), 'range', `end index must be greater than start index (${start})`);
  } else if (type === 'date') {
    if (typeof fields['DateFormat'] !== 'string' || fields['DateFormat'] === '') {
      report.error(childPath(path, 'DateFormat'), 'required', "date partitioning needs a DateFormat (a Go layout such as '2006-01-02')");
    }
  }
}

const checkS3Source: ParamsCheck = (params, path, report) => {
  notBlank(params, 'Bucket', path, report, 's3 source Bucket');
  checkRegex(params, 'Filter', path, report);
  const partition = params['Partition'];
  if (isPlainObject(partition)) checkPartition(partition, childPath(path, 'Partition'), report);
};

const checkUrlDownload: ParamsCheck = (params, path, report) => {
  const url = params['URL'];
  if (typeof url !== 'string') return;
  const problem = downloadUrlError(url);
  if (problem !== undefined) report.error(childPath(path, 'URL'), 'url', `${problem}, got '${url}'`);
};

const checkInline: ParamsCheck = (params, path, report) => {
  const url = params['URL'];
  if (typeof url !== 'string') return;
  if (url.trim() === '') report.error(childPath(path, 'URL'), 'not-blank', 'inline URL must not be blank');
  else if (!isDataUrl(url)) report.error(childPath(path, 'URL'), 'url', "must be a data: URL ('data:[<mime>][;base64],<data>')");
};

const CREATE_AS = ['dir', 'file', 'nocreate'];

const checkLocal: ParamsCheck = (params, path, report) => {
  const sourcePath = params['SourcePath'];
  if (typeof sourcePath === 'string' && !isAbsolutePath(sourcePath)) {
    report.error(childPath(path, 'SourcePath'), 'absolute-path', `must be an absolute path on the compute node, got '${sourcePath}'`);
  }
  const createAs = params['CreateAs'];
  if (typeof createAs === 'string' && createAs !== '') {
    if (!CREATE_AS.includes(createAs.toLowerCase())) {
      report.error(childPath(path, 'CreateAs'), 'one-of', `must be 'dir', 'file' or 'noCreate', got '${createAs}'`);
    } else if (createAs.toLowerCase() === 'file' && typeof sourcePath === 'string' && sourcePath.endsWith('/')) {
      report.error(childPath(path, 'CreateAs'), 'one-of', `cannot create a file at '${sourcePath}': the path ends with '/'`);
    }
  }
};

const NO_PARAMS: FieldRules = {};
const LOCAL_PARAMS: FieldRules = {
  SourcePath: { kind: 'string', required: true },
  ReadWrite: { kind: 'boolean' },
  CreateAs: { kind: 'string' },
};

function registry(types: readonly BuiltInType[]): ReadonlyMap<string, BuiltInType> {
  return new Map(types.map((type) => [type.name.toLowerCase(), type]));
}

const ENGINES = registry([
  {
    name: 'docker',
    params: {
      Image: { kind: 'string', required: true },
      Entrypoint: { kind: 'string[]' },
      Parameters: { kind: 'string[]' },
      EnvironmentVariables: { kind: 'string[]' },
      WorkingDirectory: { kind: 'string' },
    },
    check: checkDocker,
  },
  {
    name: 'wasm',
    params: {
      EntryModule: { kind: 'any', required: true },
      Entrypoint: { kind: 'string' },
      Parameters: { kind: 'string[]' },
      ImportModules: { kind: 'array' },
      // Only in the legacy format, which Bacalhau still converts.
      EnvironmentVariables: { kind: 'any' },
    },
    check: checkWasm,
  },
  { name: 'noop', params: NO_PARAMS, status: 'test-only' },
]);

const PUBLISHERS = registry([
  { name: 'noop', params: NO_PARAMS },
  { name: 'local', params: NO_PARAMS },
  { name: 'ipfs', params: NO_PARAMS },
  { name: 's3managed', params: NO_PARAMS },
  {
    name: 's3',
    params: {
      Bucket: { kind: 'string', required: true },
      Key: { kind: 'string', required: true },
      Endpoint: { kind: 'string' },
      Region: { kind: 'string' },
      Encoding: { kind: 'string' },
    },
    check: checkS3Publisher,
  },
]);

const SOURCES = registry([
  { name: 'urlDownload', params: { URL: { kind: 'string', required: true } }, check: checkUrlDownload },
  { name: 'inline', params: { URL: { kind: 'string', required: true } }, check: checkInline },
  { name: 'ipfs', params: { CID: { kind: 'string', required: true } }, check: (p, path, r) => notBlank(p, 'CID', path, r, 'ipfs CID') },
  {
    name: 's3',
    params: {
      Bucket: { kind: 'string', required: true },
      Key: { kind: 'string' },
      Filter: { kind: 'string' },
      Region: { kind: 'string' },
      Endpoint: { kind: 'string' },
      VersionID: { kind: 'string' },
      ChecksumSHA256: { kind: 'string' },
      Partition: { kind: 'object' },
    },
    check: checkS3Source,
  },
  { name: 'local', params: LOCAL_PARAMS, check: checkLocal },
  { name: 'localDirectory', params: LOCAL_PARAMS, check: checkLocal, status: 'deprecated', replacement: 'local' },
  { name: 'noop', params: NO_PARAMS, status: 'test-only' },
  { name: 's3PreSigned', params: NO_PARAMS, status: 'result-only' },
  { name: 's3managed', params: NO_PARAMS, status: 'result-only' },
]);

const REGISTRIES: Readonly<Record<SpecRole, ReadonlyMap<string, BuiltInType>>> = {
  engine: ENGINES,
  publisher: PUBLISHERS,
  source: SOURCES,
};

const ROLE_NAMES: Readonly<Record<SpecRole, string>> = { engine: 'engine', publisher: 'publisher', source: 'input source' };

/** The built-in type `type` names for `role` (case and surrounding spaces ignored, as Bacalhau does). */
export function builtInType(role: SpecRole, type: string): string | undefined {
  return REGISTRIES[role].get(type.trim().toLowerCase())?.name;
}

/**
 * How a built-in type is written canonically: its name (deprecated aliases
 * replaced, e.g. `localDirectory` → `local`) and its Params keys in order;
 * `undefined` for custom types, whose Params are left as they are.
 */
export function canonicalType(role: SpecRole, type: string): { readonly name: string; readonly params: readonly string[] } | undefined {
  const builtIn = REGISTRIES[role].get(type.trim().toLowerCase());
  if (builtIn === undefined) return undefined;
  return { name: builtIn.replacement ?? builtIn.name, params: Object.keys(builtIn.params) };
}

/** The keys of an engine, a publisher and an input source's `Source`, by role. */
export const SPEC_FIELDS: Readonly<Record<SpecRole, FieldRulesFor<'specConfig'>>> = {
  engine: {
    Type: { kind: 'string', required: true },
    Params: { kind: 'object' },
  },
  publisher: {
    Type: { kind: 'string' },
    Params: { kind: 'object' },
  },
  source: {
    Type: { kind: 'string', required: true },
    Params: { kind: 'object' },
  },
};

/** A built-in engine, publisher or source type as the JSON Schema describes it. */
export interface BuiltInTypeInfo {
  /** Canonical spelling. */
  readonly name: string;
  /** Known Params keys. */
  readonly params: FieldRules;
  /** Only in published results, never in a job (the validator refuses it). */
  readonly resultOnly: boolean;
  /** Deprecated or test-only: accepted, but not offered first. */
  readonly discouraged: boolean;
}

/** The built-in types of `role`, in the registry's order. */
export function builtInTypes(role: SpecRole): readonly BuiltInTypeInfo[] {
  return [...REGISTRIES[role].values()].map((type) => ({
    name: type.name,
    params: type.params,
    resultOnly: type.status === 'result-only',
    discouraged: type.status === 'deprecated' || type.status === 'test-only',
  }));
}

/**
 * Checks the Params of a custom type, which have no known keys, the way the
 * readers and builders check everything they copy: JSON values only (no holes,
 * cycles or `undefined`), nested no deeper than {@link MAX_DEPTH} counted from
 * the spec's root, so that `validateTask` agrees with `parseTask` on the same object.
 */
function checkFreeFormParams(params: unknown, path: string, report: Report): void {
  const problems: Problem[] = [];
  copyJson(params, path, problems, MAX_DEPTH - pathSegments(path).length);
  for (const problem of problems) {
    // A builder already cut this branch when it copied the argument (counting from the argument,
    // not the root, so a level or two deeper): one report of the same nesting is enough.
    if (problem.rule === 'too-large' && report.problems.some((known) => known.rule === 'too-large' && onSameBranch(known.path, problem.path))) continue;
    report.error(problem.path, problem.rule, problem.message);
  }
}

/** Whether one path is the other or lies inside it. */
function onSameBranch(a: string, b: string): boolean {
  const [outer, inner] = a.length <= b.length ? [a, b] : [b, a];
  return inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

/** Checks an engine, publisher or source SpecConfig, and its Params when the type is built in. */
export function checkSpecConfig(value: unknown, path: string, role: SpecRole, report: Report, context: TaskContext): void {
  const what = ROLE_NAMES[role];
  if (!expectObject(value, path, what, report)) return;
  const fields = readFields(value, path, what, SPEC_FIELDS[role], report);
  const type = fields['Type'];
  const params = fields['Params'] as Readonly<Record<string, unknown>> | undefined;
  if (typeof type !== 'string') return;
  const typePath = childPath(path, 'Type');
  if (type.trim() === '') {
    if (role !== 'publisher') report.error(typePath, 'not-blank', `${what} Type must not be blank`);
    else if (params !== undefined && Object.keys(params).length > 0) report.error(typePath, 'not-blank', 'publisher has Params but no Type');
    return;
  }
  const builtIn = REGISTRIES[role].get(type.trim().toLowerCase());
  if (builtIn === undefined) {
    const known = [...REGISTRIES[role].values()].filter((t) => t.status === undefined).map((t) => t.name);
    const otherRoles = (Object.keys(REGISTRIES) as SpecRole[]).filter((r) => r !== role && REGISTRIES[r].has(type.trim().toLowerCase()));
    const mixUp = otherRoles.length === 0 ? '' : ` (it is a built-in ${otherRoles.map((r) => ROLE_NAMES[r]).join(' and ')} type: is it in the wrong place?)`;
    report.warn(typePath, 'custom-type', `'${type}' is not a built-in ${what} type (${known.join(', ')})${mixUp}; only nodes with a plugin for it can run this task`);
    if (params !== undefined) checkFreeFormParams(params, childPath(path, 'Params'), report);
    return;
  }
  if (builtIn.status === 'result-only') {
    report.error(typePath, 'result-only-type', `'${builtIn.name}' describes published results and cannot be a job input`);
    return;
  }
  if (builtIn.status === 'deprecated') report.warn(typePath, 'deprecated', `'${builtIn.name}' is deprecated; use '${builtIn.replacement ?? ''}'`);
  if (builtIn.status === 'test-only') report.warn(typePath, 'test-only-type', `the '${builtIn.name}' ${what} exists only on test and devstack nodes`);
  const paramsPath = childPath(path, 'Params');
  const required = Object.values(builtIn.params).some((rule) => rule.required === true);
  if (params === undefined) {
    if (required) readFields({}, paramsPath, `${builtIn.name} ${what} params`, builtIn.params, report);
    return;
  }
  const found = readFields(params, paramsPath, `${builtIn.name} ${what} params`, builtIn.params, report);
  builtIn.check?.(found, paramsPath, report, context);
}

/**
 * Checks one `InputSources[i]` entry. `targetRequired` is false for legacy WASM
 * modules, whose empty Target Bacalhau fills in.
 */
export function checkInputSource(value: unknown, path: string, report: Report, context: TaskContext, targetRequired = true): void {
  if (!expectObject(value, path, 'input source', report)) return;
  const fields = readFields(value, path, 'input source', INPUT_SOURCE_FIELDS, report);
  if (fields['Source'] === undefined) {
    report.error(childPath(path, 'Source'), 'required', 'input source must have a Source');
  } else {
    checkSpecConfig(fields['Source'], childPath(path, 'Source'), 'source', report, context);
  }
  const target = fields['Target'];
  if (targetRequired && (target === undefined || (typeof target === 'string' && target.trim() === ''))) {
    report.error(childPath(path, 'Target'), target === undefined ? 'required' : 'not-blank', 'input source must have a Target (where it is mounted)');
  }
}

/** The keys of one `InputSources` entry. */
export const INPUT_SOURCE_FIELDS: FieldRulesFor<'inputSource'> = {
  Source: { kind: 'any' },
  Alias: { kind: 'string' },
  Target: { kind: 'string' },
};
