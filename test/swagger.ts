/**
 * Bacalhau's own model schemas (../shared/conformance/swagger.json), compiled
 * with Ajv, to check that what the SDK emits has the shape Bacalhau's models
 * describe. A helper module for the tests, not a test itself.
 *
 * The swagger document disagrees with the server in a few places (conformance
 * README, swagger.json row; bacalhau-task-spec.md §11.1 and §14). Those
 * disagreements are patched by the explicit {@link ERRATA} list below, each
 * with its reason; nothing else in the document is changed.
 *
 * Two sets of validators are exported:
 * - the document as published (plus errata): swagger models have no
 *   `additionalProperties: false`, so unknown keys pass;
 * - strict variants that add `additionalProperties: false` to the job-spec
 *   models ({@link STRICT_DEFINITIONS}), so the SDK's output may contain only
 *   keys Bacalhau's models know. `expectValidJob` / `expectValidTask` use them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

type Schema = Record<string, unknown>;
type Definitions = Record<string, Schema>;

const CONFORMANCE_DIR = fileURLToPath(new URL('../../shared/conformance/', import.meta.url));

const swagger = JSON.parse(readFileSync(`${CONFORMANCE_DIR}swagger.json`, 'utf8')) as { readonly definitions: Definitions };

/** One place where the swagger document and the server disagree, and what the tests use instead. */
export interface Erratum {
  /** The key under `definitions`. */
  readonly definition: string;
  /**
   * `expect`: the parts of the document's definition this erratum corrects (checked
   * before patching, so an updated swagger.json makes the erratum fail loudly instead
   * of silently patching something else); `replace`: the definition the tests use.
   */
  readonly change: { readonly expect: Schema; readonly replace: Schema };
  /** Why: what the server actually reads and writes. */
  readonly reason: string;
}

export const ERRATA: readonly Erratum[] = Object.freeze([
  {
    definition: 'models.Network',
    change: {
      expect: { type: 'integer', enum: [0, 1, 2, 3, 4, 5] },
      replace: { type: 'string', enum: ['Default', 'None', 'Host', 'Full', 'HTTP', 'Bridge'] },
    },
    reason:
      'swagger describes NetworkConfig.Type as the Go integer enum (0–5), but models.Network implements TextMarshaler/TextUnmarshaler: ' +
      'the wire carries the names Default, None, Host, HTTP, Bridge and the deprecated alias Full, and a JSON number is a decode error ' +
      '(bacalhau-task-spec.md §11.1/§11.2, §14; conformance README, swagger.json row).',
  },
  {
    definition: 'models.JobStateType',
    change: {
      expect: { type: 'integer', enum: [0, 1, 2, 3, 4, 5, 6] },
      replace: { type: 'string', enum: ['Undefined', 'Pending', 'Queued', 'Running', 'Completed', 'Failed', 'Stopped'] },
    },
    reason:
      'swagger describes Job.State.StateType as the Go integer enum (0–6), but the server reads and writes the names ' +
      'Undefined/Pending/Queued/Running/Completed/Failed/Stopped (bacalhau-task-spec.md §2 State row, §14; conformance README, swagger.json row).',
  },
]);

/** Definitions that get `additionalProperties: false` in the strict variants. `models.SpecConfig`'s `Params` stays free-form. */
export const STRICT_DEFINITIONS: readonly string[] = Object.freeze([
  'models.Job',
  'models.Task',
  'models.SpecConfig',
  'models.InputSource',
  'models.ResultPath',
  'models.ResourcesConfig',
  'models.NetworkConfig',
  'models.Port',
  'models.TimeoutConfig',
  'models.LabelSelectorRequirement',
]);

function isSubset(expected: unknown, actual: unknown): boolean {
  return JSON.stringify(actual) === JSON.stringify(expected) ||
    (typeof expected === 'object' && expected !== null && !Array.isArray(expected) &&
      typeof actual === 'object' && actual !== null && !Array.isArray(actual) &&
      Object.entries(expected).every(([key, value]) => isSubset(value, (actual as Schema)[key])));
}

/** A deep copy of swagger's definitions with every erratum applied (or none). */
function patchedDefinitions(errata: readonly Erratum[] = ERRATA): Definitions {
  const definitions = structuredClone(swagger.definitions);
  for (const { definition, change } of errata) {
    const current = definitions[definition];
    if (current === undefined) throw new Error(`swagger erratum: definition '${definition}' does not exist`);
    if (!isSubset(change.expect, current)) {
      throw new Error(`swagger erratum for '${definition}' is stale: expected ${JSON.stringify(change.expect)}, found ${JSON.stringify(current)}`);
    }
    const description = current['description'];
    definitions[definition] = { ...(description === undefined ? {} : { description }), ...structuredClone(change.replace) };
  }
  return definitions;
}

/** The patched definitions with `additionalProperties: false` on {@link STRICT_DEFINITIONS}. */
function strictDefinitions(errata: readonly Erratum[] = ERRATA): Definitions {
  const definitions = patchedDefinitions(errata);
  for (const name of STRICT_DEFINITIONS) {
    const schema = definitions[name];
    if (schema === undefined || schema['type'] !== 'object' || typeof schema['properties'] !== 'object') {
      throw new Error(`strict variant: '${name}' is not an object schema with properties`);
    }
    if ('additionalProperties' in schema) throw new Error(`strict variant: '${name}' already says additionalProperties`);
    schema['additionalProperties'] = false;
  }
  return definitions;
}

function compile(definitions: Definitions, model: string): ValidateFunction {
  if (definitions[model] === undefined) throw new Error(`no definition '${model}'`);
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile({ $ref: `#/definitions/${model}`, definitions });
}

/**
 * A validator for any swagger model: `errata: false` compiles the document exactly
 * as published (to show what the errata fix), `strict: true` adds
 * `additionalProperties: false` to {@link STRICT_DEFINITIONS}.
 */
export function swaggerValidator(model: string, options: { readonly errata?: boolean; readonly strict?: boolean } = {}): ValidateFunction {
  const errata = options.errata === false ? [] : ERRATA;
  return compile(options.strict === true ? strictDefinitions(errata) : patchedDefinitions(errata), model);
}

const PATCHED = patchedDefinitions();
const STRICT = strictDefinitions();

/** `models.Job` as swagger describes it (plus errata): unknown keys allowed. */
export const validateSwaggerJob: ValidateFunction = compile(PATCHED, 'models.Job');
/** `models.Task` as swagger describes it (plus errata): unknown keys allowed. */
export const validateSwaggerTask: ValidateFunction = compile(PATCHED, 'models.Task');
/** `models.Job` with only the keys Bacalhau's models know. */
export const validateStrictJob: ValidateFunction = compile(STRICT, 'models.Job');
/** `models.Task` with only the keys Bacalhau's models know. */
export const validateStrictTask: ValidateFunction = compile(STRICT, 'models.Task');

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `  ${e.instancePath === '' ? '(root)' : e.instancePath} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`)
    .join('\n');
}

function expectValid(validate: ValidateFunction, model: string, value: unknown): void {
  // The value itself, not a JSON round trip of it: a key holding `undefined` is a fault too.
  if (!validate(value)) throw new Error(`not a valid ${model} (strict swagger schema):\n${describeErrors(validate.errors)}`);
}

/** Throws, listing Ajv's errors, unless `job` is a valid strict `models.Job`. */
export function expectValidJob(job: unknown): void {
  expectValid(validateStrictJob, 'models.Job', job);
}

/** Throws, listing Ajv's errors, unless `task` is a valid strict `models.Task`. */
export function expectValidTask(task: unknown): void {
  expectValid(validateStrictTask, 'models.Task', task);
}
