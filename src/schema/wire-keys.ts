/**
 * The keys of every wire object, in canonical order: the one list the
 * canonical form, `toYAML`, the builders and the validators' field tables
 * take their keys and their order from (the field tables are typed by it, so
 * a key added here and not there, or there and not here, does not compile;
 * test/wire-keys.test.ts checks the order and the wire types).
 *
 * @module
 */

/** The wire objects the SDK reads and writes, by name. */
export const WIRE_KEYS = Object.freeze({
  job: ['Name', 'Namespace', 'Type', 'Priority', 'Count', 'Constraints', 'Meta', 'Labels', 'Tasks'],
  task: ['Name', 'Engine', 'Publisher', 'Env', 'Meta', 'InputSources', 'ResultPaths', 'Resources', 'Network', 'Timeouts'],
  specConfig: ['Type', 'Params'],
  inputSource: ['Source', 'Alias', 'Target'],
  resultPath: ['Name', 'Path'],
  resources: ['CPU', 'Memory', 'Disk', 'GPU'],
  network: ['Type', 'Domains', 'Ports'],
  port: ['Name', 'Static', 'Target', 'HostNetwork'],
  timeouts: ['ExecutionTimeout', 'QueueTimeout', 'TotalTimeout'],
  constraint: ['Key', 'Operator', 'Values'],
  partition: ['Type', 'Pattern', 'StartIndex', 'EndIndex', 'DateFormat'],
} as const);

/** A wire object's name in {@link WIRE_KEYS}. */
export type WireObject = keyof typeof WIRE_KEYS;

/** The keys of wire object `O`, as a union. */
export type WireKey<O extends WireObject> = (typeof WIRE_KEYS)[O][number];
