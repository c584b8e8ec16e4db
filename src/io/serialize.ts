/**
 * Writing specs as the JSON and YAML that `bacalhau job run` and the submit
 * endpoint read.
 *
 * @module
 */
import { Document, isScalar, visit } from 'yaml';
import type { Problem } from '../core/errors.js';
import { Report } from '../core/report.js';
import { checkTemplates } from '../validation/template.js';
import type { JobSpec, TaskSpec } from '../schema/wire.js';

// Every JavaScript runtime has a console; the core's lib settings (no DOM, no Node) just do not declare it.
declare const console: { warn(message: string): void };

/**
 * Options for {@link toYAML}.
 *
 * @example
 * ```ts
 * import { toYAML, type ToYAMLOptions } from 'bacalhau-jobs';
 * const quiet: ToYAMLOptions = { onWarning: () => {} };
 * ```
 *
 * @group Reading and writing specs
 */
export interface ToYAMLOptions {
  /**
   * Receives warnings about the output, such as a `{{` that `bacalhau job run`
   * would evaluate as a Go template. Default: `console.warn`.
   */
  readonly onWarning?: (warning: Problem) => void;
}

/**
 * The spec as pretty-printed JSON (2-space indent), keys in Bacalhau's order.
 * A job's JSON is what `bacalhau job run job.json` reads, and the `Job` of a
 * submit request.
 *
 * @example
 * ```ts
 * import { Job, engine, toJSON } from 'bacalhau-jobs';
 * const job = Job.batch('hello').task((t) => t.name('main').engine(engine.docker('busybox'))).build();
 * const body = JSON.stringify({ Job: JSON.parse(toJSON(job)) }); // a PUT /api/v1/orchestrator/jobs body
 * ```
 *
 * @group Reading and writing specs
 */
export function toJSON(spec: JobSpec | TaskSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/**
 * The spec as block-style YAML, keys in Bacalhau's order, for `bacalhau job run job.yaml`.
 * Strings YAML 1.1 would read as something else (`yes`, `on`, `0755`) are
 * quoted, because Bacalhau reads YAML 1.1. Long strings are never folded.
 *
 * @example
 * ```ts
 * import { Job, engine, toYAML } from 'bacalhau-jobs';
 * const job = Job.batch('hello').task((t) => t.name('main').engine(engine.docker('busybox'))).build();
 * toYAML(job);
 * // Name: hello
 * // Type: batch
 * // Tasks:
 * //   - Name: main
 * //     Engine:
 * //       Type: docker
 * //       Params:
 * //         Image: busybox
 * ```
 *
 * @group Reading and writing specs
 */
export function toYAML(spec: JobSpec | TaskSpec, options: ToYAMLOptions = {}): string {
  const report = new Report();
  checkTemplates(spec, '', report);
  const onWarning = options.onWarning ?? ((warning: Problem) => console.warn(`${warning.path}: ${warning.message}`));
  for (const warning of report.warnings) onWarning(warning);
  const document = new Document(spec, { version: '1.1', aliasDuplicateObjects: false });
  visit(document, {
    Pair(_, pair) {
      // A plain `<<` key is YAML 1.1's merge key; a Meta or Params key spelt `<<` must stay a string.
      if (isScalar(pair.key) && pair.key.value === '<<') {
        pair.key.tag = 'tag:yaml.org,2002:str';
        pair.key.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return document.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
}
