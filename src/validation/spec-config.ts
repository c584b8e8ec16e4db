/**
 * Rules for `{ Type, Params }` objects: engines, publishers and input sources,
 * including the per-type Params checks that Bacalhau leaves to compute nodes
 * (`engines-publishers-sources.md` §5).
 *
 * @module
 */
import { BUILT_IN_TYPES, builtInTypeNamed, LOCAL_CREATE_AS, PARTITION_TYPES, S3_ENCODINGS, SPEC_FIELDS, WIRE_FIELDS, type BuiltInTypeDescription, type BuiltInTypeName, type FieldRule, type SpecRole } from '../schema/description.js';
import { expectObject, fieldReader, type FieldReader, type Fields } from './fields.js';
import { copyJson, MAX_DEPTH } from '../core/copy.js';
import type { Problem } from '../core/errors.js';
import { childPath, indexPath, isPlainObject, jsonTypeOf, orList, pathSegments, type Report } from '../core/report.js';
import { downloadUrlError, goRegexError, isAbsolutePath, isDataUrl } from './syntax.js';


/** What a Params check may need to know about the rest of the task. */
export interface TaskContext {
  /** The `Target`s of the task's input sources. */
  readonly inputTargets: readonly string[];
}

type ParamsCheck = (params: Fields, path: string, report: Report, context: TaskContext) => void;

/** A built-in type as the validator uses it: its description, its compiled Params reader and its Params rules. */
interface BuiltInType extends BuiltInTypeDescription {
  readonly readParams: FieldReader;
  readonly hasRequiredParams: boolean;
  readonly check: ParamsCheck | undefined;
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
  if (typeof encoding === 'string' && encoding !== '' && !(S3_ENCODINGS as readonly string[]).includes(encoding)) {
    report.error(childPath(path, 'Encoding'), 'one-of', `must be ${orList(S3_ENCODINGS, true)} (case-sensitive), got '${encoding}'`);
  }
};

const readPartition = fieldReader(WIRE_FIELDS.partition, 's3 partition');

function checkRegex(params: Fields, key: string, path: string, report: Report): void {
  const pattern = params[key];
  if (typeof pattern !== 'string' || pattern === '') return;
  const problem = goRegexError(pattern);
  if (problem !== undefined) report.error(childPath(path, key), 'regex', `invalid regex pattern '${pattern}': ${problem}`);
}

function checkPartition(partition: Readonly<Record<string, unknown>>, path: string, report: Report): void {
  const fields = readPartition(partition, path, report);
  const type = fields['Type'];
  if (typeof type !== 'string') return;
  if (!(PARTITION_TYPES as readonly string[]).includes(type)) {
    report.error(childPath(path, 'Type'), 'one-of', `unsupported partition type '${type}': use ${orList(PARTITION_TYPES.filter((name) => name !== ''))} (lowercase)`);
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

const CREATE_AS: readonly string[] = LOCAL_CREATE_AS.map((value) => value.toLowerCase());

const checkLocal: ParamsCheck = (params, path, report) => {
  const sourcePath = params['SourcePath'];
  if (typeof sourcePath === 'string' && !isAbsolutePath(sourcePath)) {
    report.error(childPath(path, 'SourcePath'), 'absolute-path', `must be an absolute path on the compute node, got '${sourcePath}'`);
  }
  const createAs = params['CreateAs'];
  if (typeof createAs === 'string' && createAs !== '') {
    if (!CREATE_AS.includes(createAs.toLowerCase())) {
      report.error(childPath(path, 'CreateAs'), 'one-of', `must be ${orList(LOCAL_CREATE_AS, true)}, got '${createAs}'`);
    } else if (createAs.toLowerCase() === 'file' && typeof sourcePath === 'string' && sourcePath.endsWith('/')) {
      report.error(childPath(path, 'CreateAs'), 'one-of', `cannot create a file at '${sourcePath}': the path ends with '/'`);
    }
  }
};

const ROLE_NAMES: Readonly<Record<SpecRole, string>> = { engine: 'engine', publisher: 'publisher', source: 'input source' };

/** The Params rules beyond the fields' kinds, by role and type name. */
const PARAMS_CHECKS: { readonly [R in SpecRole]: { readonly [Name in BuiltInTypeName<R>]?: ParamsCheck } } = {
  engine: { docker: checkDocker, wasm: checkWasm },
  publisher: { s3: checkS3Publisher },
  source: {
    urlDownload: checkUrlDownload,
    inline: checkInline,
    ipfs: (params, path, report) => notBlank(params, 'CID', path, report, 'ipfs CID'),
    s3: checkS3Source,
    local: checkLocal,
    localDirectory: checkLocal,
  },
};

/** Each built-in type's compiled Params reader and Params rules, by its description. */
const COMPILED: ReadonlyMap<BuiltInTypeDescription, BuiltInType> = new Map(
  (['engine', 'publisher', 'source'] as const).flatMap((role) =>
    BUILT_IN_TYPES[role].map((type): [BuiltInTypeDescription, BuiltInType] => [
      type,
      {
        ...type,
        readParams: fieldReader(type.params, `${type.name} ${ROLE_NAMES[role]} params`),
        hasRequiredParams: Object.values(type.params).some((rule: FieldRule) => rule.required === true),
        check: (PARAMS_CHECKS[role] as Readonly<Record<string, ParamsCheck>>)[type.name],
      },
    ]),
  ),
);

/** The built-in type of `role` that `type` names (matched as Bacalhau matches it), compiled. */
function compiledType(role: SpecRole, type: string): BuiltInType | undefined {
  const description = builtInTypeNamed(role, type);
  return description === undefined ? undefined : COMPILED.get(description);
}

const SPEC_READERS: Readonly<Record<SpecRole, FieldReader>> = {
  engine: fieldReader(SPEC_FIELDS.engine, ROLE_NAMES.engine),
  publisher: fieldReader(SPEC_FIELDS.publisher, ROLE_NAMES.publisher),
  source: fieldReader(SPEC_FIELDS.source, ROLE_NAMES.source),
};
const readInputSource = fieldReader(WIRE_FIELDS.inputSource, 'input source');

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
  const fields = SPEC_READERS[role](value, path, report);
  const type = fields['Type'];
  const params = fields['Params'] as Readonly<Record<string, unknown>> | undefined;
  if (typeof type !== 'string') return;
  const typePath = childPath(path, 'Type');
  if (type.trim() === '') {
    if (role !== 'publisher') report.error(typePath, 'not-blank', `${what} Type must not be blank`);
    else if (params !== undefined && Object.keys(params).length > 0) report.error(typePath, 'not-blank', 'publisher has Params but no Type');
    return;
  }
  const builtIn = compiledType(role, type);
  if (builtIn === undefined) {
    const known = (BUILT_IN_TYPES[role] as readonly BuiltInTypeDescription[]).filter((t) => t.status === undefined).map((t) => t.name);
    const otherRoles = (Object.keys(ROLE_NAMES) as SpecRole[]).filter((r) => r !== role && builtInTypeNamed(r, type) !== undefined);
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
  if (params === undefined) {
    if (builtIn.hasRequiredParams) builtIn.readParams({}, paramsPath, report);
    return;
  }
  const found = builtIn.readParams(params, paramsPath, report);
  builtIn.check?.(found, paramsPath, report, context);
}

/**
 * Checks one `InputSources[i]` entry. `targetRequired` is false for legacy WASM
 * modules, whose empty Target Bacalhau fills in.
 */
export function checkInputSource(value: unknown, path: string, report: Report, context: TaskContext, targetRequired = true): void {
  if (!expectObject(value, path, 'input source', report)) return;
  const fields = readInputSource(value, path, report);
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

