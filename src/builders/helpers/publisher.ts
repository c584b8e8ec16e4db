/**
 * Typed helpers for Bacalhau's built-in publishers. Each returns the exact wire
 * `{ Type, Params }` object; pass it to `.publisher(…)` (batch and ops tasks only).
 *
 * @example
 * ```ts
 * import { Task, engine, publisher } from 'bacalhau-jobs';
 * Task.batch()
 *   .name('main')
 *   .engine(engine.docker('alpine:3.20'))
 *   .publisher(publisher.s3({ bucket: 'results', key: 'jobs/{jobID}' }));
 * ```
 *
 * @group Helpers
 * @module
 */
import { sdkPart } from '../../io/provenance.js';
import type { S3Encoding } from '../../schema/description.js';
import type { PublisherConfig } from './role.js';

/**
 * A publisher that takes no params.
 *
 * @example
 * ```ts
 * import { publisher, type SimplePublisher } from 'bacalhau-jobs';
 * const spec: SimplePublisher<'ipfs'> = publisher.ipfs();
 * ```
 */
export type SimplePublisher<T extends 'noop' | 'local' | 'ipfs' | 's3managed'> = PublisherConfig<T, Record<string, never>>;

/**
 * Discards results (only stdout, stderr and the exit code are kept).
 *
 * @example
 * ```ts
 * import { publisher } from 'bacalhau-jobs';
 * publisher.noop(); // { Type: 'noop' }
 * ```
 */
export function noop(): SimplePublisher<'noop'> {
  return sdkPart({ Type: 'noop' }, 'publisher');
}

/**
 * Serves results from the compute node over HTTP; for testing only.
 *
 * @example
 * ```ts
 * import { publisher } from 'bacalhau-jobs';
 * publisher.local(); // { Type: 'local' }
 * ```
 */
export function local(): SimplePublisher<'local'> {
  return sdkPart({ Type: 'local' }, 'publisher');
}

/**
 * Publishes results to IPFS (nodes need an IPFS endpoint).
 *
 * @example
 * ```ts
 * import { publisher } from 'bacalhau-jobs';
 * publisher.ipfs(); // { Type: 'ipfs' }
 * ```
 */
export function ipfs(): SimplePublisher<'ipfs'> {
  return sdkPart({ Type: 'ipfs' }, 'publisher');
}

/**
 * Publishes results to the S3 bucket the orchestrator manages (its operator
 * configures it; compute nodes need no credentials).
 *
 * @example
 * ```ts
 * import { publisher } from 'bacalhau-jobs';
 * publisher.s3managed(); // { Type: 's3managed' }
 * ```
 */
export function s3managed(): SimplePublisher<'s3managed'> {
  return sdkPart({ Type: 's3managed' }, 'publisher');
}

/**
 * Wire Params of the `s3` publisher.
 *
 * @example
 * ```ts
 * import type { S3PublisherParams } from 'bacalhau-jobs';
 * const params: S3PublisherParams = { Bucket: 'results', Key: 'out/{jobID}' };
 * ```
 */
export type S3PublisherParams = {
  /** Bucket to upload to. */
  readonly Bucket: string;
  /** Object key or prefix; `{jobID}`-style placeholders are filled in at publish time. */
  readonly Key: string;
  /** S3-compatible endpoint. */
  readonly Endpoint?: string;
  /** The bucket's region. */
  readonly Region?: string;
  /** `gzip` (one archive, the default) or `plain` (one object per file). */
  readonly Encoding?: S3Encoding;
};

/**
 * An `s3` publisher spec.
 *
 * @example
 * ```ts
 * import { publisher, type S3Publisher } from 'bacalhau-jobs';
 * const spec: S3Publisher = publisher.s3({ bucket: 'results', key: 'out' });
 * ```
 */
export type S3Publisher = PublisherConfig<'s3', S3PublisherParams>;

/**
 * Options of {@link s3}.
 *
 * @example
 * ```ts
 * import type { S3PublisherOptions } from 'bacalhau-jobs';
 * const options: S3PublisherOptions = { bucket: 'results', key: 'runs/{date}/{jobID}', region: 'eu-west-1' };
 * ```
 */
export interface S3PublisherOptions {
  /** Bucket to upload to (required). */
  readonly bucket: string;
  /**
   * Object key (required). `{jobID}`, `{executionID}`, `{nodeID}`, `{date}` and
   * `{time}` are replaced at publish time.
   */
  readonly key: string;
  /** S3-compatible endpoint, e.g. a MinIO URL. */
  readonly endpoint?: string | undefined;
  /** The bucket's region, e.g. `'eu-west-1'`. */
  readonly region?: string | undefined;
  /**
   * `'gzip'` (Bacalhau's default) uploads one `.tar.gz` archive; `'plain'`
   * uploads each file under the key as a prefix.
   */
  readonly encoding?: S3Encoding | undefined;
}

/**
 * Uploads results to an S3 bucket.
 *
 * @example
 * ```ts
 * import { publisher } from 'bacalhau-jobs';
 * publisher.s3({ bucket: 'results', key: 'jobs/{jobID}', encoding: 'plain' });
 * // { Type: 's3', Params: { Bucket: 'results', Key: 'jobs/{jobID}', Encoding: 'plain' } }
 * ```
 */
export function s3(options: S3PublisherOptions): S3Publisher {
  const params: { -readonly [K in keyof S3PublisherParams]: S3PublisherParams[K] } = { Bucket: options.bucket, Key: options.key };
  if (options.endpoint !== undefined) params.Endpoint = options.endpoint;
  if (options.region !== undefined) params.Region = options.region;
  if (options.encoding !== undefined) params.Encoding = options.encoding;
  return sdkPart({ Type: 's3', Params: params }, 'publisher');
}
