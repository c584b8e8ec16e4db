/**
 * Typed helpers for Bacalhau's built-in input sources. Each returns the exact
 * wire `{ Type, Params }` object; pass it to `.input(source, { target })`.
 *
 * @example
 * ```ts
 * import { Task, source } from 'bacalhau-jobs';
 * Task.batch().input(source.s3({ bucket: 'data', key: 'logs/' }), { target: '/inputs' });
 * ```
 *
 * @group Helpers
 * @module
 */
import { sdkPart } from '../../io/provenance.js';
import type { LocalCreateAs } from '../../schema/description.js';
import type { SourceConfig } from './role.js';

/**
 * A `urlDownload` source spec.
 *
 * @example
 * ```ts
 * import { source, type UrlDownloadSource } from 'bacalhau-jobs';
 * const spec: UrlDownloadSource = source.urlDownload('https://example.com/data.csv');
 * ```
 */
export type UrlDownloadSource = SourceConfig<
  'urlDownload',
  {
    /** The http(s) URL to download. */
    readonly URL: string;
  }
>;

/**
 * Downloads `url` (http or https, with a file name) into the Target directory.
 *
 * @example
 * ```ts
 * import { source } from 'bacalhau-jobs';
 * source.urlDownload('https://example.com/data.csv');
 * // { Type: 'urlDownload', Params: { URL: 'https://example.com/data.csv' } }
 * ```
 */
export function urlDownload(url: string): UrlDownloadSource {
  return sdkPart({ Type: 'urlDownload', Params: { URL: url } }, 'source');
}

/**
 * An `inline` source spec.
 *
 * @example
 * ```ts
 * import { source, type InlineSource } from 'bacalhau-jobs';
 * const spec: InlineSource = source.inline('data:text/plain,hello');
 * ```
 */
export type InlineSource = SourceConfig<
  'inline',
  {
    /** The content as a `data:` URL. */
    readonly URL: string;
  }
>;

/**
 * Content carried inside the spec as a `data:` URL (RFC 2397). With the mime
 * type `application/gzip` the payload is a tar.gz extracted into the Target.
 * The whole job must stay under Bacalhau's 10 MB limit.
 *
 * @example
 * ```ts
 * import { source } from 'bacalhau-jobs';
 * source.inline('data:text/plain;base64,aGVsbG8=');
 * // { Type: 'inline', Params: { URL: 'data:text/plain;base64,aGVsbG8=' } }
 * ```
 */
export function inline(dataUrl: `data:${string}`): InlineSource {
  return sdkPart({ Type: 'inline', Params: { URL: dataUrl } }, 'source');
}

/**
 * An `ipfs` source spec.
 *
 * @example
 * ```ts
 * import { source, type IpfsSource } from 'bacalhau-jobs';
 * const spec: IpfsSource = source.ipfs('QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU');
 * ```
 */
export type IpfsSource = SourceConfig<
  'ipfs',
  {
    /** The content identifier. */
    readonly CID: string;
  }
>;

/**
 * Content fetched from IPFS by CID (nodes need an IPFS endpoint).
 *
 * @example
 * ```ts
 * import { source } from 'bacalhau-jobs';
 * source.ipfs('QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU');
 * ```
 */
export function ipfs(cid: string): IpfsSource {
  return sdkPart({ Type: 'ipfs', Params: { CID: cid } }, 'source');
}

/**
 * How an S3 input is split across a batch job's `Count` executions.
 *
 * @example
 * ```ts
 * import type { S3Partition } from 'bacalhau-jobs';
 * const byDay: S3Partition = { type: 'date', dateFormat: '2006-01-02' };
 * ```
 */
export type S3Partition =
  | {
      /** `none`: every execution sees every object; `object`: objects are spread by hash. */
      readonly type: 'none' | 'object';
    }
  | {
      /** Objects are grouped by the capture groups of `pattern`. */
      readonly type: 'regex';
      /** A Go regular expression over object keys. */
      readonly pattern: string;
    }
  | {
      /** Objects are grouped by a slice of their key. */
      readonly type: 'substring';
      /** First character of the slice (≥ 0). */
      readonly startIndex: number;
      /** End of the slice (> startIndex). */
      readonly endIndex: number;
    }
  | {
      /** Objects are grouped by a date in their key. */
      readonly type: 'date';
      /** A Go time layout such as `'2006-01-02'`. */
      readonly dateFormat: string;
    };

/**
 * Wire form of {@link S3Partition}.
 *
 * @example
 * ```ts
 * import type { S3PartitionParams } from 'bacalhau-jobs';
 * const partition: S3PartitionParams = { Type: 'regex', Pattern: '(\\d+)' };
 * ```
 */
export type S3PartitionParams = {
  /** The partitioning scheme (case-sensitive). */
  readonly Type: S3Partition['type'];
  /** For `regex`. */
  readonly Pattern?: string;
  /** For `substring`. */
  readonly StartIndex?: number;
  /** For `substring`. */
  readonly EndIndex?: number;
  /** For `date`. */
  readonly DateFormat?: string;
};

/**
 * Wire Params of the `s3` source.
 *
 * @example
 * ```ts
 * import type { S3SourceParams } from 'bacalhau-jobs';
 * const params: S3SourceParams = { Bucket: 'data', Key: 'logs/' };
 * ```
 */
export type S3SourceParams = {
  /** Bucket to read. */
  readonly Bucket: string;
  /** An object, a prefix ending in `/`, or a prefix wildcard ending in `*`. */
  readonly Key?: string;
  /** Go regular expression over object keys. */
  readonly Filter?: string;
  /** The bucket's region. */
  readonly Region?: string;
  /** S3-compatible endpoint. */
  readonly Endpoint?: string;
  /** Object version (single object only). */
  readonly VersionID?: string;
  /** Expected SHA-256 (single object only). */
  readonly ChecksumSHA256?: string;
  /** How objects are split across executions. */
  readonly Partition?: S3PartitionParams;
};

/**
 * An `s3` source spec.
 *
 * @example
 * ```ts
 * import { source, type S3Source } from 'bacalhau-jobs';
 * const spec: S3Source = source.s3({ bucket: 'data' });
 * ```
 */
export type S3Source = SourceConfig<'s3', S3SourceParams>;

/**
 * Options of {@link s3}.
 *
 * @example
 * ```ts
 * import type { S3SourceOptions } from 'bacalhau-jobs';
 * const options: S3SourceOptions = { bucket: 'data', key: 'logs/', filter: '\\.json$' };
 * ```
 */
export interface S3SourceOptions {
  /** Bucket to read (required). */
  readonly bucket: string;
  /** An object, a prefix ending in `/`, or a prefix wildcard ending in `*`; absent means the whole bucket. */
  readonly key?: string | undefined;
  /** Go regular expression applied to object keys (relative to the prefix). */
  readonly filter?: string | undefined;
  /** The bucket's region, e.g. `'us-east-1'`. */
  readonly region?: string | undefined;
  /** S3-compatible endpoint, e.g. `https://storage.googleapis.com`. */
  readonly endpoint?: string | undefined;
  /** Object version (single-object keys only). */
  readonly versionId?: string | undefined;
  /** Expected SHA-256 checksum (single-object keys only). */
  readonly checksumSha256?: string;
  /** How a batch job's `Count` executions split the objects. */
  readonly partition?: S3Partition | undefined;
}

function partitionParams(partition: S3Partition): S3PartitionParams {
  switch (partition.type) {
    case 'regex':
      return { Type: 'regex', Pattern: partition.pattern };
    case 'substring':
      return { Type: 'substring', StartIndex: partition.startIndex, EndIndex: partition.endIndex };
    case 'date':
      return { Type: 'date', DateFormat: partition.dateFormat };
    default:
      return { Type: partition.type };
  }
}

/**
 * Objects downloaded from S3 (or an S3-compatible store) into the Target.
 *
 * @example
 * ```ts
 * import { source } from 'bacalhau-jobs';
 * source.s3({ bucket: 'data', key: 'logs/', region: 'us-east-1', partition: { type: 'object' } });
 * // { Type: 's3', Params: { Bucket: 'data', Key: 'logs/', Region: 'us-east-1', Partition: { Type: 'object' } } }
 * ```
 */
export function s3(options: S3SourceOptions): S3Source {
  return sdkPart({ Type: 's3', Params: s3Params(options) }, 'source');
}

function s3Params(options: S3SourceOptions): S3SourceParams {
  const params: { -readonly [K in keyof S3SourceParams]: S3SourceParams[K] } = { Bucket: options.bucket };
  if (options.key !== undefined) params.Key = options.key;
  if (options.filter !== undefined) params.Filter = options.filter;
  if (options.region !== undefined) params.Region = options.region;
  if (options.endpoint !== undefined) params.Endpoint = options.endpoint;
  if (options.versionId !== undefined) params.VersionID = options.versionId;
  if (options.checksumSha256 !== undefined) params.ChecksumSHA256 = options.checksumSha256;
  if (options.partition !== undefined) params.Partition = partitionParams(options.partition);
  return params;
}

/**
 * Wire Params of the `local` source.
 *
 * @example
 * ```ts
 * import type { LocalSourceParams } from 'bacalhau-jobs';
 * const params: LocalSourceParams = { SourcePath: '/data', ReadWrite: false };
 * ```
 */
export type LocalSourceParams = {
  /** Absolute path on the compute node. */
  readonly SourcePath: string;
  /** Mount read-write (default read-only). */
  readonly ReadWrite?: boolean;
  /** Create the path if missing (read-write only). */
  readonly CreateAs?: LocalCreateAs;
};

/**
 * A `local` source spec.
 *
 * @example
 * ```ts
 * import { source, type LocalSource } from 'bacalhau-jobs';
 * const spec: LocalSource = source.local('/data/shared');
 * ```
 */
export type LocalSource = SourceConfig<'local', LocalSourceParams>;

/**
 * Options of {@link local}.
 *
 * @example
 * ```ts
 * import type { LocalSourceOptions } from 'bacalhau-jobs';
 * const options: LocalSourceOptions = { readWrite: true, createAs: 'dir' };
 * ```
 */
export interface LocalSourceOptions {
  /** Mount read-write (the node must allow-list the path with `:rw`). Default read-only. */
  readonly readWrite?: boolean | undefined;
  /** Create the path if missing (only when read-write). Default `'noCreate'`. */
  readonly createAs?: LocalCreateAs | undefined;
}

/**
 * A directory or file of the compute node, bind-mounted at the Target. The node
 * must allow-list the path (`Compute.AllowListedLocalPaths`).
 *
 * @param sourcePath - absolute path on the compute node.
 * @example
 * ```ts
 * import { source } from 'bacalhau-jobs';
 * source.local('/var/log', { readWrite: false });
 * // { Type: 'local', Params: { SourcePath: '/var/log', ReadWrite: false } }
 * ```
 */
export function local(sourcePath: string, options: LocalSourceOptions = {}): LocalSource {
  const params: { -readonly [K in keyof LocalSourceParams]: LocalSourceParams[K] } = { SourcePath: sourcePath };
  if (options.readWrite !== undefined) params.ReadWrite = options.readWrite;
  if (options.createAs !== undefined) params.CreateAs = options.createAs;
  return sdkPart({ Type: 'local', Params: params }, 'source');
}

/**
 * An `s3PreSigned` spec: how Bacalhau describes a *published result* behind a
 * pre-signed URL (what `/results` returns for `s3managed` and some `s3`
 * publishers). It is result-only: Bacalhau has no input provider for it, so
 * `.input(…)` with it fails validation. Use it to model and compare results.
 *
 * @example
 * ```ts
 * import { source, type S3PreSignedSource } from 'bacalhau-jobs';
 * const result: S3PreSignedSource = source.s3PreSigned({ preSignedUrl: 'https://bucket.s3.amazonaws.com/out.tar.gz?X-Amz-Signature=abc' });
 * ```
 */
export type S3PreSignedSource = SourceConfig<
  's3PreSigned',
  {
    /** The pre-signed download URL. */
    readonly PreSignedURL: string;
    /** True for results of the `s3managed` publisher. */
    readonly Managed?: boolean;
    /** The S3 object the URL points at. */
    readonly SourceConfig?: S3SourceParams;
  }
>;

/**
 * Options of {@link s3PreSigned}.
 *
 * @example
 * ```ts
 * import type { S3PreSignedOptions } from 'bacalhau-jobs';
 * const options: S3PreSignedOptions = { preSignedUrl: 'https://example.com/out.tar.gz?sig=1', managed: true };
 * ```
 */
export interface S3PreSignedOptions {
  /** The pre-signed download URL. */
  readonly preSignedUrl: string;
  /** True for results of the `s3managed` publisher. */
  readonly managed?: boolean | undefined;
  /** The S3 object the URL points at. */
  readonly sourceSpec?: S3SourceOptions | undefined;
}

/**
 * Describes a published result behind a pre-signed URL (result-only; see {@link S3PreSignedSource}).
 *
 * @example
 * ```ts
 * import { source } from 'bacalhau-jobs';
 * source.s3PreSigned({ preSignedUrl: 'https://example.com/out.tar.gz?sig=1', managed: true });
 * // { Type: 's3PreSigned', Params: { PreSignedURL: 'https://example.com/out.tar.gz?sig=1', Managed: true } }
 * ```
 */
export function s3PreSigned(options: S3PreSignedOptions): S3PreSignedSource {
  const params: { PreSignedURL: string; Managed?: boolean; SourceConfig?: S3SourceParams } = { PreSignedURL: options.preSignedUrl };
  if (options.managed !== undefined) params.Managed = options.managed;
  if (options.sourceSpec !== undefined) params.SourceConfig = s3Params(options.sourceSpec);
  return sdkPart({ Type: 's3PreSigned', Params: params }, 'source');
}
