/**
 * One line of documentation per wire field: the JSON Schema's `description`,
 * which editors show on hover and completion. Kept out of the validators'
 * field tables so that a bundle that validates does not carry them; keyed by
 * the keys of description.ts (and the Params keys of the built-in types), so a
 * field without a doc, or a doc without a field, does not compile or fails
 * test/schema/json-schema.test.ts.
 *
 * @module
 */
import type { SpecRole, WireKey, WireObject } from './description.js';

/** A doc for every key of every wire object (`specConfig` once per role, whose Type means different things). */
type WireDocs = { readonly [O in Exclude<WireObject, 'specConfig'>]: { readonly [K in WireKey<O>]: string } } & {
  readonly specConfig: { readonly [R in SpecRole]: { readonly [K in WireKey<'specConfig'>]: string } };
};

/** The docs of the wire objects' fields. */
export const FIELD_DOCS: WireDocs = {
  job: {
    Name: "The job's name; submitting an existing name in the namespace updates that job. Absent: the server uses the job's ID.",
    Namespace: 'The namespace; absent means `default`.',
    Type: 'The job type (lowercase): batch, ops, service or daemon.',
    Priority: "Scheduling priority; absent means the node's default.",
    Count: 'Replicas or partitions (batch and service); absent means 1.',
    Constraints: 'Conditions on node labels, all of which must hold.',
    Meta: 'Free-form string metadata; `bacalhau.org/` keys are reserved.',
    Labels: 'Labels to find the job by (string values).',
    Tasks: "The job's one task.",
  },
  task: {
    Name: 'The task name, unique in the job.',
    Engine: 'What runs the task: `{ Type, Params }` (docker, wasm or a custom engine).',
    Publisher: 'Where results are published: `{ Type, Params }` (local, s3, ipfs, s3managed, noop or a custom publisher).',
    Env: 'Environment variables: UPPER_CASE names (not BACALHAU_…) to non-empty string values.',
    Meta: 'Free-form string metadata of the task.',
    InputSources: 'Data mounted into the task, each with a Source and a Target.',
    ResultPaths: 'Paths in the task whose contents are published (needs a Publisher).',
    Resources: 'CPU, memory, disk and GPUs the task needs.',
    Network: 'Network access of the task; absent means Default (the executor decides).',
    Timeouts: 'Execution, queue and total timeouts, in seconds.',
  },
  inputSource: {
    Source: 'Where the data comes from: `{ Type, Params }` (urlDownload, s3, ipfs, inline, local or a custom source).',
    Alias: 'Optional name, unique per task.',
    Target: 'Where the data is mounted in the task, unique per task.',
  },
  resultPath: {
    Name: 'Name of the published result, unique per task.',
    Path: 'Absolute path in the task whose contents are published, unique per task.',
  },
  resources: {
    CPU: "Cores ('0.5') or millicores ('500m').",
    Memory: "Bytes with an optional unit ('512Mb', '1GiB').",
    Disk: "Bytes with an optional unit ('10GB').",
    GPU: "A whole number of GPUs ('1').",
  },
  network: {
    Type: 'The network mode: Default, None, Host, HTTP or Bridge (any case; Full is a deprecated alias of Host).',
    Domains: 'Allowed domains (HTTP mode only): lowercase host names (a leading `.` includes subdomains) or IP addresses.',
    Ports: 'Named ports (Host and Bridge modes only).',
  },
  port: {
    Name: 'Port name: `[A-Za-z_][A-Za-z0-9_]*`; it becomes `BACALHAU_PORT_<Name>`.',
    Static: 'Host port, 1024–65535; absent means allocated by the node.',
    Target: 'Port inside the container, 0–65535 (Bridge mode only); absent means the host port.',
    HostNetwork: 'IP address to bind to; absent means all interfaces.',
  },
  timeouts: {
    ExecutionTimeout: 'Longest a single execution may run, in seconds (batch and ops only); 0 means the default.',
    QueueTimeout: 'Longest the job may wait for a node, in seconds; 0 means fail fast.',
    TotalTimeout: 'Limit over queueing, execution and retries, in seconds; 0 means none.',
  },
  constraint: {
    Key: 'The node label; a `favour_` prefix makes the constraint a preference.',
    Operator: 'How the label is compared: in, notin, exists, !, =, ==, !=, gt or lt.',
    Values: 'The values compared with (count depends on the operator).',
  },
  partition: {
    Type: 'The partitioning scheme (case-sensitive): none, object, regex, substring or date.',
    Pattern: 'For `regex`: a Go regular expression over object keys, grouped by its capture groups.',
    StartIndex: 'For `substring`: first character of the slice (≥ 0).',
    EndIndex: 'For `substring`: end of the slice (> StartIndex).',
    DateFormat: "For `date`: a Go time layout such as '2006-01-02'.",
  },
  specConfig: {
    engine: {
      Type: 'The engine type, e.g. docker or wasm (any case); other names are custom engines.',
      Params: 'Type-specific parameters; absent means none.',
    },
    publisher: {
      Type: 'The publisher type, e.g. local, s3, ipfs or s3managed (any case); other names are custom publishers.',
      Params: 'Type-specific parameters; absent means none.',
    },
    source: {
      Type: 'The source type, e.g. urlDownload, s3, ipfs, inline or local (any case); other names are custom sources.',
      Params: 'Type-specific parameters; absent means none.',
    },
  },
};

/** The Params of the local source and of its deprecated name, localDirectory. */
const LOCAL_DOCS = {
  SourcePath: 'Absolute path on the compute node (the node must allow-list it).',
  ReadWrite: 'Mount read-write (the node must allow-list the path with `:rw`). Default read-only.',
  CreateAs: "Create the path if missing (only when read-write): dir, file or noCreate (the default).",
};

/** The docs of the built-in types' Params, by role, type name and key (types without Params have none). */
export const PARAMS_DOCS: { readonly [R in SpecRole]: Readonly<Record<string, Readonly<Record<string, string>>>> } = {
  engine: {
    docker: {
      Image: 'The image to run.',
      Entrypoint: "Replaces the image's ENTRYPOINT.",
      Parameters: 'Arguments after the entrypoint (the container CMD).',
      EnvironmentVariables: "`NAME=value` items; they override the task's Env.",
      WorkingDirectory: 'Absolute working directory in the container.',
    },
    wasm: {
      EntryModule: "Path of the module in the task's file system (an input Target); an input source in the legacy format.",
      Entrypoint: 'Exported function to call (`_start` for WASI); required.',
      Parameters: 'Program arguments, argv[1…].',
      ImportModules: 'Paths (input Targets) of modules whose exports the entry module imports.',
      EnvironmentVariables: 'Environment variables (legacy format only).',
    },
  },
  publisher: {
    s3: {
      Bucket: 'Bucket to upload to.',
      Key: 'Object key or prefix; `{jobID}`-style placeholders are filled in at publish time.',
      Endpoint: 'S3-compatible endpoint, e.g. a MinIO URL.',
      Region: "The bucket's region, e.g. 'eu-west-1'.",
      Encoding: '`gzip` (one archive, the default) or `plain` (one object per file).',
    },
  },
  source: {
    urlDownload: {
      URL: 'The http(s) URL to download.',
    },
    inline: {
      URL: 'The content as a `data:` URL.',
    },
    ipfs: {
      CID: 'The content identifier.',
    },
    s3: {
      Bucket: 'Bucket to read.',
      Key: 'An object, a prefix ending in `/`, or a prefix wildcard ending in `*`; absent means the whole bucket.',
      Filter: 'Go regular expression applied to object keys (relative to the prefix).',
      Region: "The bucket's region, e.g. 'us-east-1'.",
      Endpoint: 'S3-compatible endpoint, e.g. https://storage.googleapis.com.',
      VersionID: 'Object version (single-object keys only).',
      ChecksumSHA256: 'Expected SHA-256 checksum (single-object keys only).',
      Partition: "How a batch job's Count executions split the objects.",
    },
    local: LOCAL_DOCS,
    localDirectory: LOCAL_DOCS,
  },
};
