/**
 * One failing input per validation rule: the exact path and rule of the
 * problem it produces, and a fragment of its message.
 */
import { describe, expect, it } from 'vitest';
import { BacalhauSpecError, Task, publishesResults, engine, publisher, source, safeParseJob, safeParseTask, validateJob, validateTask, type Problem, type ProblemRule } from '../../src/index.js';

type Wire = Record<string, unknown>;

const IMAGE = 'busybox:1.37.0';
const DOCKER = { Type: 'docker', Params: { Image: IMAGE } };
const WASM_URL = 'data:application/wasm;base64,AGFzbQEAAAA=';

/** A minimal valid task with `overrides` applied (an `undefined` value removes the key). */
function task(overrides: Wire = {}): Wire {
  const result: Wire = { Name: 'main', Engine: DOCKER, ...overrides };
  for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
  return result;
}

/** A task with one input source `spec` mounted at /in. */
function withSource(spec: unknown, extra: Wire = {}): Wire {
  return task({ InputSources: [{ Source: spec, Target: '/in', ...extra }] });
}

/** Asserts `input` has exactly one problem, at `path`, breaking `rule`, whose message contains `fragment`. */
function expectProblem(input: unknown, path: string, rule: ProblemRule, fragment: string): void {
  const report = validateTask(input);
  expect(report.valid).toBe(false);
  expect(report.problems).toEqual([{ path, segments: expect.any(Array) as unknown, rule, message: expect.stringContaining(fragment) as string }]);
}

/** Asserts `input` has no problems and exactly these warnings. */
function expectWarningsOnly(input: unknown, warnings: readonly Pick<Problem, 'path' | 'rule'>[], fragment: string): void {
  const report = validateTask(input);
  expect(report.problems).toEqual([]);
  expect(report.valid).toBe(true);
  expect(report.warnings.map(({ path, rule }) => ({ path, rule }))).toEqual(warnings);
  expect(report.warnings.some((w) => w.message.includes(fragment))).toBe(true);
}

function expectValid(input: unknown): void {
  const report = validateTask(input);
  expect(report.problems).toEqual([]);
  expect(report.valid).toBe(true);
}

/** The BacalhauSpecError `run` throws (fails the test if it throws nothing or something else). */
function thrown(run: () => unknown): BacalhauSpecError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BacalhauSpecError);
    return error as BacalhauSpecError;
  }
  throw new Error('expected a BacalhauSpecError, nothing was thrown');
}

describe('the base task', () => {
  it('is valid with no warnings', () => {
    const report = validateTask(task());
    expect(report).toEqual({ valid: true, problems: [], warnings: [] });
  });
});

describe('task Name and Engine', () => {
  it('Name blank', () => expectProblem(task({ Name: '  ' }), 'Name', 'not-blank', 'must not be blank'));
  it('Name with NUL', () => expectProblem(task({ Name: 'a\0b' }), 'Name', 'no-nul', 'null characters'));
  it('Name missing', () => expectProblem(task({ Name: undefined }), 'Name', 'required', "'Name'"));
  it('Name not a string', () => expectProblem(task({ Name: 7 }), 'Name', 'type', 'must be a string, got number'));
  it('Engine missing', () => expectProblem(task({ Engine: undefined }), 'Engine', 'required', 'must have an Engine'));
  it('Engine null (Go reads null as unset)', () => expectProblem(task({ Engine: null }), 'Engine', 'required', 'must have an Engine'));
  it('Engine Type blank', () => expectProblem(task({ Engine: { Type: ' ' } }), 'Engine.Type', 'not-blank', 'engine Type must not be blank'));
  it('Engine Type missing', () => expectProblem(task({ Engine: { Params: {} } }), 'Engine.Type', 'required', "'Type'"));
  it('Engine not an object', () => expectProblem(task({ Engine: 'docker' }), 'Engine', 'type', 'must be an object, got string'));
  it('a task that is not an object', () => expectProblem([], '', 'type', 'task must be an object, got array'));
});

describe('Env and Meta', () => {
  const env = (variables: Wire): Wire => task({ Env: variables });
  it('empty name', () => expectProblem(env({ '': 'x' }), 'Env[""]', 'env-name', 'cannot be empty'));
  it('lowercase name', () => expectProblem(env({ lower: 'x' }), 'Env.lower', 'env-name', 'must be uppercase'));
  it('leading digit', () => expectProblem(env({ '1VAR': 'x' }), 'Env["1VAR"]', 'env-name', 'must start with a letter'));
  it('bad characters', () => expectProblem(env({ 'BAD-NAME': 'x' }), 'Env["BAD-NAME"]', 'env-name', 'letters, numbers and underscores'));
  it('BACALHAU_ prefix', () => expectProblem(env({ BACALHAU_X: 'x' }), 'Env.BACALHAU_X', 'env-reserved', 'cannot start with BACALHAU_'));
  it('BACALHAU inside a name is fine', () => expectValid(env({ MY_BACALHAU: 'x' })));
  it('empty value', () => expectProblem(env({ MODE: '' }), 'Env.MODE', 'env-value', 'cannot have an empty value'));
  it('non-string value', () => expectProblem(env({ COUNT: 5 }), 'Env.COUNT', 'type', 'must be a string, got number'));
  it('env:HOST_VAR values are valid', () => expectValid(env({ TOKEN: 'env:API_TOKEN' })));
  it('Meta non-string value', () => expectProblem(task({ Meta: { owner: 5 } }), 'Meta.owner', 'type', 'must be a string, got number'));
});

describe('InputSources', () => {
  const ipfs = { Type: 'ipfs', Params: { CID: 'QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU' } };
  const url = (u: string) => ({ Type: 'urlDownload', Params: { URL: u } });

  it('missing Target', () => expectProblem(task({ InputSources: [{ Source: ipfs }] }), 'InputSources[0].Target', 'required', 'must have a Target'));
  it('blank Target', () => expectProblem(task({ InputSources: [{ Source: ipfs, Target: '  ' }] }), 'InputSources[0].Target', 'not-blank', 'must have a Target'));
  it('duplicate Target: reported at the second', () =>
    expectProblem(
      task({ InputSources: [{ Source: ipfs, Target: '/in' }, { Source: ipfs, Target: '/in' }] }),
      'InputSources[1].Target',
      'unique',
      "input source with target '/in' already exists",
    ));
  it('duplicate Target after trimming', () =>
    expectProblem(
      task({ InputSources: [{ Source: ipfs, Target: '/in' }, { Source: ipfs, Target: ' /in' }] }),
      'InputSources[1].Target',
      'unique',
      "'/in' already exists",
    ));
  it('duplicate Alias', () =>
    expectProblem(
      task({ InputSources: [{ Source: ipfs, Target: '/a', Alias: 'data' }, { Source: ipfs, Target: '/b', Alias: 'data' }] }),
      'InputSources[1].Alias',
      'unique',
      "input source with alias 'data' already exists",
    ));
  it('null Source', () => expectProblem(task({ InputSources: [{ Source: null, Target: '/in' }] }), 'InputSources[0].Source', 'required', 'must have a Source'));
  it('blank source Type', () => expectProblem(withSource({ Type: '' }), 'InputSources[0].Source.Type', 'not-blank', 'input source Type must not be blank'));

  it('s3 source missing Bucket', () =>
    expectProblem(withSource({ Type: 's3', Params: { Key: 'k' } }), 'InputSources[0].Source.Params.Bucket', 'required', "'Bucket'"));
  it('s3 source blank Bucket', () =>
    expectProblem(withSource({ Type: 's3', Params: { Bucket: ' ' } }), 'InputSources[0].Source.Params.Bucket', 'not-blank', 'Bucket must not be blank'));
  const partition = (p: Wire): Wire => withSource({ Type: 's3', Params: { Bucket: 'b', Partition: p } });
  it('s3 bad partition type', () =>
    expectProblem(partition({ Type: 'hash' }), 'InputSources[0].Source.Params.Partition.Type', 'one-of', "unsupported partition type 'hash'"));
  it('s3 regex partition with empty pattern', () =>
    expectProblem(partition({ Type: 'regex', Pattern: '' }), 'InputSources[0].Source.Params.Partition.Pattern', 'required', 'regex pattern cannot be empty'));
  it('s3 regex partition with invalid pattern', () =>
    expectProblem(partition({ Type: 'regex', Pattern: '[unclosed' }), 'InputSources[0].Source.Params.Partition.Pattern', 'regex', 'invalid regex pattern'));
  it('s3 regex partition with look-ahead (not RE2)', () =>
    expectProblem(partition({ Type: 'regex', Pattern: 'a(?=b)' }), 'InputSources[0].Source.Params.Partition.Pattern', 'regex', 'look-around'));
  it('s3 substring partition with negative start', () =>
    expectProblem(
      partition({ Type: 'substring', StartIndex: -1, EndIndex: 5 }),
      'InputSources[0].Source.Params.Partition.StartIndex',
      'range',
      'start index cannot be negative',
    ));
  it('s3 substring partition with end = start', () =>
    expectProblem(
      partition({ Type: 'substring', StartIndex: 5, EndIndex: 5 }),
      'InputSources[0].Source.Params.Partition.EndIndex',
      'range',
      'end index must be greater than start index',
    ));
  it('s3 date partition without DateFormat', () =>
    expectProblem(partition({ Type: 'date' }), 'InputSources[0].Source.Params.Partition.DateFormat', 'required', 'DateFormat'));

  it('urlDownload with a non-http URL', () =>
    expectProblem(withSource(url('ftp://example.com/file.txt')), 'InputSources[0].Source.Params.URL', 'url', 'http:// or https://'));
  it('urlDownload with a path-less URL', () =>
    expectProblem(withSource(url('https://example.com')), 'InputSources[0].Source.Params.URL', 'url', 'needs a path'));
  it('urlDownload with a path is valid', () => expectValid(withSource(url('https://example.com/words.txt'))));
  it('inline with a non-data URL', () =>
    expectProblem(withSource({ Type: 'inline', Params: { URL: 'https://example.com/a.txt' } }), 'InputSources[0].Source.Params.URL', 'url', 'data: URL'));
  it('ipfs with a blank CID', () =>
    expectProblem(withSource({ Type: 'ipfs', Params: { CID: ' ' } }), 'InputSources[0].Source.Params.CID', 'not-blank', 'ipfs CID must not be blank'));
  it('local with a relative SourcePath', () =>
    expectProblem(withSource({ Type: 'local', Params: { SourcePath: 'data' } }), 'InputSources[0].Source.Params.SourcePath', 'absolute-path', 'must be an absolute path'));
  it('local with an invalid CreateAs', () =>
    expectProblem(
      withSource({ Type: 'local', Params: { SourcePath: '/data', CreateAs: 'folder' } }),
      'InputSources[0].Source.Params.CreateAs',
      'one-of',
      "got 'folder'",
    ));
  it('local CreateAs is case-insensitive', () => expectValid(withSource({ Type: 'local', Params: { SourcePath: '/data', CreateAs: 'NoCreate' } })));
  it('localDirectory is a deprecated warning only', () =>
    expectWarningsOnly(withSource({ Type: 'localDirectory', Params: { SourcePath: '/data' } }), [{ path: 'InputSources[0].Source.Type', rule: 'deprecated' }], "use 'local'"));
  it('s3PreSigned as an input is an error', () =>
    expectProblem(withSource({ Type: 's3PreSigned' }), 'InputSources[0].Source.Type', 'result-only-type', 'cannot be a job input'));
});

describe('ResultPaths and Publisher', () => {
  const results = (paths: unknown[]): Wire => task({ Publisher: { Type: 'local' }, ResultPaths: paths });
  it('missing Name', () => expectProblem(results([{ Path: '/out' }]), 'ResultPaths[0].Name', 'required', "'Name'"));
  it('blank Name', () => expectProblem(results([{ Name: ' ', Path: '/out' }]), 'ResultPaths[0].Name', 'not-blank', 'name must not be blank'));
  it('blank Path', () => expectProblem(results([{ Name: 'out', Path: '  ' }]), 'ResultPaths[0].Path', 'not-blank', 'result path must not be blank'));
  it('relative Path', () => expectProblem(results([{ Name: 'out', Path: 'outputs' }]), 'ResultPaths[0].Path', 'absolute-path', "'outputs' must be absolute"));
  it('duplicate Name', () =>
    expectProblem(
      results([{ Name: 'out', Path: '/a' }, { Name: 'out', Path: '/b' }]),
      'ResultPaths[1].Name',
      'unique',
      "result path with name 'out' already exists",
    ));
  it('duplicate Path', () =>
    expectProblem(results([{ Name: 'a', Path: '/out' }, { Name: 'b', Path: '/out' }]), 'ResultPaths[1].Path', 'unique', "result path '/out' already exists"));
  it('result paths without a publisher: Bacalhau refuses them', () =>
    expectProblem(task({ ResultPaths: [{ Name: 'out', Path: '/out' }] }), 'Publisher', 'publisher-required', 'no publisher'));
  it('a blank publisher counts as none', () =>
    expectProblem(task({ Publisher: { Type: '' }, ResultPaths: [{ Name: 'out', Path: '/out' }] }), 'Publisher', 'publisher-required', 'no publisher'));
  it('publisher Params without Type', () =>
    expectProblem(task({ Publisher: { Type: '', Params: { Bucket: 'b' } } }), 'Publisher.Type', 'not-blank', 'Params but no Type'));
  it('s3 publisher missing Key', () => expectProblem(task({ Publisher: { Type: 's3', Params: { Bucket: 'b' } } }), 'Publisher.Params.Key', 'required', "'Key'"));
  it('s3 publisher blank Key', () =>
    expectProblem(task({ Publisher: { Type: 's3', Params: { Bucket: 'b', Key: '' } } }), 'Publisher.Params.Key', 'not-blank', 'Key must not be blank'));
  it('s3 publisher with an invalid Encoding', () =>
    expectProblem(task({ Publisher: { Type: 's3', Params: { Bucket: 'b', Key: 'k', Encoding: 'zip' } } }), 'Publisher.Params.Encoding', 'one-of', "got 'zip'"));
  it('s3 publisher Encoding is case-sensitive', () =>
    expectProblem(task({ Publisher: { Type: 's3', Params: { Bucket: 'b', Key: 'k', Encoding: 'GZIP' } } }), 'Publisher.Params.Encoding', 'one-of', 'case-sensitive'));
});

describe('Resources', () => {
  const resources = (r: Wire): Wire => task({ Resources: r });
  it('CPU invalid', () => expectProblem(resources({ CPU: 'lots' }), 'Resources.CPU', 'cpu', "invalid CPU value 'lots'"));
  it('CPU negative', () => expectProblem(resources({ CPU: '-1' }), 'Resources.CPU', 'cpu', "invalid CPU value '-1'"));
  it("CPU '500M' is millicores: a warning", () =>
    expectWarningsOnly(resources({ CPU: '500M' }), [{ path: 'Resources.CPU', rule: 'cpu-suffix' }], 'millicores'));
  it("Memory '1e9' (no exponents)", () => expectProblem(resources({ Memory: '1e9' }), 'Resources.Memory', 'bytes', "invalid memory size '1e9'"));
  it("Memory '1ZB' (no zetta)", () => expectProblem(resources({ Memory: '1ZB' }), 'Resources.Memory', 'bytes', "invalid memory size '1ZB'"));
  it('Disk invalid', () => expectProblem(resources({ Disk: 'big' }), 'Resources.Disk', 'bytes', "invalid disk size 'big'"));
  it("GPU '1.0'", () => expectProblem(resources({ GPU: '1.0' }), 'Resources.GPU', 'gpu', "invalid GPU count '1.0'"));
  it('a number where Bacalhau wants a string', () => expectProblem(resources({ CPU: 2 }), 'Resources.CPU', 'type', 'must be a string, got number'));
  it('empty strings mean unset', () => expectValid(resources({ CPU: '', Memory: '', Disk: '', GPU: '' })));
});

describe('Network', () => {
  const net = (n: Wire): Wire => task({ Network: n });
  const port = (type: string, ...ports: Wire[]): Wire => net({ Type: type, Ports: ports });

  it('unknown type', () => expectProblem(net({ Type: 'Mesh' }), 'Network.Type', 'network-type', "unknown network type 'Mesh'"));
  it('type names ignore case', () => expectValid(net({ Type: 'bridge' })));
  it("'Full' is a deprecated alias", () => expectWarningsOnly(net({ Type: 'Full' }), [{ path: 'Network.Type', rule: 'deprecated' }], "write 'Host'"));
  it('Domains on Bridge', () =>
    expectProblem(net({ Type: 'Bridge', Domains: ['example.com'] }), 'Network.Domains', 'network-domains', 'only be set for HTTP network mode, not Bridge'));
  it('invalid domain', () => expectProblem(net({ Type: 'HTTP', Domains: ['at@.walker'] }), 'Network.Domains[0]', 'domain', "invalid domain 'at@.walker'"));
  it('uppercase domain', () => expectProblem(net({ Type: 'HTTP', Domains: ['Example.COM'] }), 'Network.Domains[0]', 'domain', 'must be lowercase'));
  it('CIDR is not a domain', () => expectProblem(net({ Type: 'HTTP', Domains: ['10.0.0.0/8'] }), 'Network.Domains[0]', 'domain', "'10.0.0.0/8'"));
  it('Ports on HTTP', () => expectProblem(port('HTTP', { Name: 'WEB', Static: 8080 }), 'Network.Ports', 'network-ports', 'not HTTP'));
  it('port name missing', () => expectProblem(port('Host', { Static: 8080 }), 'Network.Ports[0].Name', 'required', "'Name'"));
  it('port name empty', () => expectProblem(port('Host', { Name: '', Static: 8080 }), 'Network.Ports[0].Name', 'required', 'port mapping name is required'));
  it('port name invalid', () =>
    expectProblem(port('Host', { Name: 'my-port', Static: 8080 }), 'Network.Ports[0].Name', 'port-name', 'valid environment variable name'));
  it('port name too long', () =>
    expectProblem(port('Host', { Name: 'P'.repeat(238), Static: 8080 }), 'Network.Ports[0].Name', 'port-name', 'at most 237 characters'));
  it('privileged static port', () => expectProblem(port('Host', { Name: 'WEB', Static: 80 }), 'Network.Ports[0].Static', 'port-range', 'privileged port range'));
  it('static port above 65535', () =>
    expectProblem(port('Host', { Name: 'WEB', Static: 70000 }), 'Network.Ports[0].Static', 'port-range', 'above maximum valid port 65535'));
  it('Target in Host mode', () =>
    expectProblem(port('Host', { Name: 'WEB', Static: 8080, Target: 80 }), 'Network.Ports[0].Target', 'port-target', 'Host network mode'));
  it('Target out of range', () =>
    expectProblem(port('Bridge', { Name: 'WEB', Static: 8080, Target: 70000 }), 'Network.Ports[0].Target', 'port-range', 'invalid target port 70000'));
  it('duplicate port name (Bridge)', () =>
    expectProblem(
      port('Bridge', { Name: 'WEB', Static: 8080, Target: 80 }, { Name: 'WEB', Static: 8081, Target: 81 }),
      'Network.Ports[1].Name',
      'unique',
      'duplicate port mapping name "WEB"',
    ));
  it('duplicate static port (Bridge)', () =>
    expectProblem(
      port('Bridge', { Name: 'A', Static: 8080, Target: 80 }, { Name: 'B', Static: 8080, Target: 81 }),
      'Network.Ports[1].Static',
      'unique',
      'duplicate port mapping static port 8080',
    ));
  it('duplicate target port (Bridge)', () =>
    expectProblem(
      port('Bridge', { Name: 'A', Static: 8080, Target: 80 }, { Name: 'B', Static: 8081, Target: 80 }),
      'Network.Ports[1].Target',
      'unique',
      'duplicate port mapping target port 80',
    ));
  it('HostNetwork not an IP', () =>
    expectProblem(port('Bridge', { Name: 'WEB', Static: 8080, HostNetwork: 'localhost' }), 'Network.Ports[0].HostNetwork', 'ip-address', "'localhost'"));
  it('HostNetwork may be IPv6', () => expectValid(port('Bridge', { Name: 'WEB', Static: 8080, HostNetwork: '::1' })));
});

describe('Timeouts', () => {
  const timeouts = (t: Wire): Wire => task({ Timeouts: t });
  it('negative', () => expectProblem(timeouts({ QueueTimeout: -5 }), 'Timeouts.QueueTimeout', 'non-negative', 'must not be negative'));
  it('execution + queue > total', () =>
    expectProblem(
      timeouts({ ExecutionTimeout: 20, QueueTimeout: 20, TotalTimeout: 30 }),
      'Timeouts.TotalTimeout',
      'timeouts-total',
      'execution timeout 20s and queue timeout 20s should be less than total timeout 30s',
    ));
  it('execution + queue = total is allowed', () => expectValid(timeouts({ ExecutionTimeout: 10, QueueTimeout: 20, TotalTimeout: 30 })));
  it('total 0 skips the sum check', () => expectValid(timeouts({ ExecutionTimeout: 100, QueueTimeout: 100, TotalTimeout: 0 })));
  it('non-integer timeout', () => expectProblem(timeouts({ ExecutionTimeout: 1.5 }), 'Timeouts.ExecutionTimeout', 'type', 'must be an integer'));
  it('a string timeout', () => expectProblem(timeouts({ TotalTimeout: '10m' }), 'Timeouts.TotalTimeout', 'type', 'must be an integer, got string'));
});

describe('docker engine Params', () => {
  const docker = (params: Wire): Wire => task({ Engine: { Type: 'docker', Params: params } });
  it('Image missing', () => expectProblem(docker({ Entrypoint: ['sh'] }), 'Engine.Params.Image', 'required', "'Image'"));
  it('Params missing altogether', () => expectProblem(task({ Engine: { Type: 'docker' } }), 'Engine.Params.Image', 'required', "'Image'"));
  it('Image blank', () => expectProblem(docker({ Image: ' ' }), 'Engine.Params.Image', 'not-blank', 'docker Image must not be blank'));
  it('relative WorkingDirectory', () =>
    expectProblem(docker({ Image: IMAGE, WorkingDirectory: 'app' }), 'Engine.Params.WorkingDirectory', 'absolute-path', "got 'app'"));
  it("EnvironmentVariables item without '='", () =>
    expectProblem(docker({ Image: IMAGE, EnvironmentVariables: ['A=1', 'FOO'] }), 'Engine.Params.EnvironmentVariables[1]', 'env-name', "'FOO' has no '='"));
  it('BACALHAU_ variable in docker params (any case)', () =>
    expectProblem(
      docker({ Image: IMAGE, EnvironmentVariables: ['bacalhau_x=1'] }),
      'Engine.Params.EnvironmentVariables[0]',
      'env-reserved',
      "'bacalhau_x' cannot start with BACALHAU_",
    ));
  it('Entrypoint must be an array of strings', () =>
    expectProblem(docker({ Image: IMAGE, Entrypoint: 'sh -c' }), 'Engine.Params.Entrypoint', 'type', 'must be an array of strings, got string'));
  it('unknown key in docker Params', () =>
    expectProblem(docker({ Image: IMAGE, Cmd: ['echo'] }), 'Engine.Params.Cmd', 'unknown-key', "did you mean 'Parameters'?"));
});

describe('wasm engine Params', () => {
  const wasm = (params: Wire, target = '/app/main.wasm'): Wire =>
    task({ Engine: { Type: 'wasm', Params: params }, InputSources: [{ Source: { Type: 'inline', Params: { URL: WASM_URL } }, Target: target }] });
  it('EntryModule matching an input Target is valid (with or without the leading /)', () => {
    expectValid(wasm({ EntryModule: '/app/main.wasm', Entrypoint: '_start' }));
    expectValid(wasm({ EntryModule: 'app/main.wasm', Entrypoint: '_start' }));
    expectValid(wasm({ EntryModule: '/app/main.wasm', Entrypoint: '_start' }, '/app'));
  });
  it('EntryModule not matching any input Target', () =>
    expectProblem(wasm({ EntryModule: '/other.wasm', Entrypoint: '_start' }), 'Engine.Params.EntryModule', 'wasm-entry-module', 'input targets: /app/main.wasm'));
  it('EntryModule that only shares a prefix with a Target', () =>
    expectProblem(wasm({ EntryModule: '/app/main.wasm2', Entrypoint: '_start' }), 'Engine.Params.EntryModule', 'wasm-entry-module', 'not the Target'));
  it('EntryModule blank', () => expectProblem(wasm({ EntryModule: ' ', Entrypoint: '_start' }), 'Engine.Params.EntryModule', 'not-blank', 'must not be blank'));
  it('without Entrypoint', () => expectProblem(wasm({ EntryModule: '/app/main.wasm' }), 'Engine.Params.Entrypoint', 'required', "'_start'"));
  it('legacy object EntryModule: a deprecated warning', () =>
    expectWarningsOnly(
      task({
        Engine: { Type: 'wasm', Params: { EntryModule: { Source: { Type: 'inline', Params: { URL: WASM_URL } }, Target: '' }, Entrypoint: '_start' } },
      }),
      [{ path: 'Engine.Params.EntryModule', rule: 'deprecated' }],
      'legacy WASM format',
    ));
  it('legacy format with a path among ImportModules: Bacalhau cannot convert the mix', () =>
    expectProblem(
      task({
        Engine: {
          Type: 'wasm',
          Params: { EntryModule: { Source: { Type: 'inline', Params: { URL: WASM_URL } }, Target: '' }, Entrypoint: '_start', ImportModules: ['/lib.wasm'] },
        },
      }),
      'Engine.Params.ImportModules[0]',
      'type',
      'must be an input source',
    ));
  it('current format with an input source among ImportModules: Bacalhau cannot decode the mix', () =>
    expectProblem(
      wasm({ EntryModule: '/app/main.wasm', Entrypoint: '_start', ImportModules: [{ Source: { Type: 'inline', Params: { URL: WASM_URL } }, Target: '/lib.wasm' }] }),
      'Engine.Params.ImportModules[0]',
      'type',
      "must be a string (a module's path)",
    ));
  it('a result path Name equal to an input Target', () =>
    expectProblem(
      task({
        Engine: { Type: 'wasm', Params: { EntryModule: '/m.wasm', Entrypoint: '_start' } },
        InputSources: [{ Source: { Type: 'inline', Params: { URL: WASM_URL } }, Target: '/m.wasm' }],
        Publisher: { Type: 'local' },
        ResultPaths: [{ Name: '/m.wasm', Path: '/out' }],
      }),
      'ResultPaths[0].Name',
      'unique',
      'equals an input source Target',
    ));
});

describe('types and keys', () => {
  it('custom engine type: a warning only', () =>
    expectWarningsOnly(task({ Engine: { Type: 'flibble', Params: { Some: 'data' } } }), [{ path: 'Engine.Type', rule: 'custom-type' }], "'flibble'"));
  it('noop engine: a test-only warning', () =>
    expectWarningsOnly(task({ Engine: { Type: 'noop' } }), [{ path: 'Engine.Type', rule: 'test-only-type' }], 'test and devstack'));
  it('built-in type names ignore case', () => expectValid(task({ Engine: { Type: 'Docker', Params: { Image: IMAGE } } })));
  it("unknown task key 'ResourcesConfig'", () =>
    expectProblem(task({ ResourcesConfig: { CPU: '1' } }), 'ResourcesConfig', 'unknown-key', "did you mean 'Resources'?"));
  it('keys match case-insensitively', () => expectValid({ name: 'main', engine: { type: 'docker', params: { image: IMAGE } } }));
  it('duplicate keys differing by case', () => expectProblem({ ...task(), name: 'other' }, 'name', 'duplicate-key', "'name' and 'Name' are the same key"));
  it('duplicate keys differing by case inside Params', () =>
    expectProblem(task({ Engine: { Type: 'docker', Params: { Image: IMAGE, image: 'alpine' } } }), 'Engine.Params.image', 'duplicate-key', 'keys ignore case'));
});

describe('a report lists every problem', () => {
  it('5 independent mistakes → 5 problems, in document order', () => {
    const report = validateTask({
      Name: ' ',
      Engine: { Type: 'docker', Params: { Image: '' } },
      Env: { lower: 'x' },
      Resources: { GPU: '1.0' },
      Timeouts: { QueueTimeout: -1 },
    });
    expect(report.valid).toBe(false);
    expect(report.problems.map(({ path, rule }) => ({ path, rule }))).toEqual([
      { path: 'Name', rule: 'not-blank' },
      { path: 'Env.lower', rule: 'env-name' },
      { path: 'Engine.Params.Image', rule: 'not-blank' },
      { path: 'Resources.GPU', rule: 'gpu' },
      { path: 'Timeouts.QueueTimeout', rule: 'non-negative' },
    ]);
  });
  it('every bad Env entry is reported, not only the first', () => {
    const report = validateTask(task({ Env: { a: '1', b: '2', '3C': '3', D: '' } }));
    expect(report.problems.map((p) => p.path)).toEqual(['Env.a', 'Env.b', 'Env["3C"]', 'Env.D']);
  });
  it('the path option prefixes every path', () => {
    const report = validateTask(task({ Name: '' }), { path: 'Tasks[0]' });
    expect(report.problems.map(({ path, rule }) => ({ path, rule }))).toEqual([{ path: 'Tasks[0].Name', rule: 'not-blank' }]);
  });
  it('a service task with result paths gets a job-type warning', () => {
    const report = validateTask(task({ Publisher: { Type: 'local' }, ResultPaths: [{ Name: 'out', Path: '/out' }] }), { jobType: 'service' });
    expect(report.problems).toEqual([]);
    expect(report.warnings.map(({ path, rule }) => ({ path, rule }))).toEqual([{ path: 'Publisher', rule: 'job-type' }]);
  });
});

describe('builder argument rules', () => {
  const base = () => Task.batch().name('main').engine(engine.docker(IMAGE));
  const located = (problems: readonly Problem[]) => problems.map(({ path, rule }) => ({ path, rule }));

  it("timeouts({ execution: '10 minutes' }) → duration", () => {
    const result = base().timeouts({ execution: '10 minutes' }).validate();
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([{ path: 'Timeouts.ExecutionTimeout', segments: ['Timeouts', 'ExecutionTimeout'], rule: 'duration', message: expect.stringContaining("'10 minutes' is not a duration") as string }]);
  });
  it('timeouts({ execution: 1.5 }) → integer', () => {
    const result = base().timeouts({ execution: 1.5 }).validate();
    expect(result.problems).toEqual([{ path: 'Timeouts.ExecutionTimeout', segments: ['Timeouts', 'ExecutionTimeout'], rule: 'integer', message: expect.stringContaining('1.5 is not a whole number') as string }]);
  });
  it("timeouts({ total: '1500ms' }) → duration (never rounded)", () => {
    expect(located(base().timeouts({ total: '1500ms' }).validate().problems)).toEqual([{ path: 'Timeouts.TotalTimeout', rule: 'duration' }]);
  });
  it('resources({ memory: 1.5 }) → bytes', () => {
    const result = base().resources({ memory: 1.5 }).validate();
    expect(result.problems).toEqual([{ path: 'Resources.Memory', segments: ['Resources', 'Memory'], rule: 'bytes', message: expect.stringContaining('1.5 is not a valid number of bytes') as string }]);
  });
  it('resources({ gpu: -1 }) → gpu', () => {
    expect(located(base().resources({ gpu: -1 }).validate().problems)).toEqual([{ path: 'Resources.GPU', rule: 'gpu' }]);
  });
  it('build() throws the argument problem', () => {
    const error = thrown(() => base().timeouts({ execution: '10 minutes' }).build());
    expect(located(error.problems)).toEqual([{ path: 'Timeouts.ExecutionTimeout', rule: 'duration' }]);
  });
  it('re-setting a field clears its earlier argument problem', () => {
    const timeouts = base().timeouts({ execution: '10 minutes' }).timeouts({ execution: '10m' });
    expect(timeouts.validate().problems).toEqual([]);
    expect(timeouts.build().Timeouts).toEqual({ ExecutionTimeout: 600 });
    const resources = base().resources({ memory: 1.5 }).resources({ memory: '1Gb' });
    expect(resources.validate().problems).toEqual([]);
    expect(resources.build().Resources).toEqual({ Memory: '1Gb' });
    // Removing the value clears it too.
    expect(base().resources({ memory: 1.5 }).resources({ memory: undefined }).validate().problems).toEqual([]);
  });
  it('re-setting another field keeps the argument problem', () => {
    const result = base().timeouts({ execution: '10 minutes' }).timeouts({ queue: 60 }).validate();
    expect(located(result.problems)).toEqual([{ path: 'Timeouts.ExecutionTimeout', rule: 'duration' }]);
  });
  it('Params with a function → json-value at its path', () => {
    const result = base().engine({ Type: 'flibble', Params: { run: (() => 1) as never } }).validate();
    expect(result.problems).toEqual([{ path: 'Engine.Params.run', segments: ['Engine', 'Params', 'run'], rule: 'json-value', message: expect.stringContaining('not a JSON value') as string }]);
  });
  it('Params with NaN → json-value at its path', () => {
    const result = base().engine({ Type: 'flibble', Params: { nested: { n: Number.NaN } } }).validate();
    expect(result.problems).toEqual([{ path: 'Engine.Params.nested.n', segments: ['Engine', 'Params', 'nested', 'n'], rule: 'json-value', message: expect.stringContaining('NaN is not a JSON number') as string }]);
  });
  it('Params with a cycle → json-value at its path', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    const result = base().engine({ Type: 'flibble', Params: { cyclic } as never }).validate();
    expect(result.problems).toEqual([{ path: 'Engine.Params.cyclic.self', segments: ['Engine', 'Params', 'cyclic', 'self'], rule: 'json-value', message: expect.stringContaining('circular reference') as string }]);
  });
  it('an input source argument problem carries the InputSources path', () => {
    const result = base().input({ Type: 'flibble', Params: { bad: Number.POSITIVE_INFINITY } }, { target: '/in' }).validate();
    expect(located(result.problems)).toEqual([{ path: 'InputSources[0].Source.Params.bad', rule: 'json-value' }]);
  });
  it('publisher() on a service builder (through any) throws job-type', () => {
    const service: any = Task.service().name('web').engine(engine.docker(IMAGE));
    const error = thrown(() => service.publisher(publisher.local()));
    expect(error.problems).toEqual([{ path: 'Publisher', segments: ['Publisher'], rule: 'job-type', message: expect.stringContaining('only available for batch and ops') as string }]);
  });
  it('resultPath() on a daemon builder (through any) throws job-type', () => {
    const daemon: any = Task.daemon().name('agent').engine(engine.docker(IMAGE));
    const error = thrown(() => daemon.resultPath('out', '/out'));
    expect(error.problems).toEqual([{ path: 'ResultPaths', segments: ['ResultPaths'], rule: 'job-type', message: expect.stringContaining('daemon tasks never complete') as string }]);
  });
  it('build() without an engine (through any) throws Engine required', () => {
    const builder: any = Task.batch().name('main');
    const error = thrown(() => builder.build());
    expect(located(error.problems)).toEqual([{ path: 'Engine', rule: 'required' }]);
    expect(error.message).toContain('Engine: task must have an Engine (required)');
  });
  it("Task.of('nope' as any) throws", () => {
    const error = thrown(() => Task.of('nope' as any));
    expect(error.problems).toEqual([{ path: '', segments: [], rule: 'job-type', message: expect.stringContaining('unknown job type "nope"') as string }]);
  });
  it('a valid builder task builds and matches validateTask', () => {
    const spec = base().input(source.ipfs('QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU'), { target: '/in' }).publisher(publisher.local()).resultPath('out', '/out').build();
    expect(validateTask(spec)).toEqual({ valid: true, problems: [], warnings: [] });
  });
});

describe('BacalhauSpecError message', () => {
  it('stays short with 1,000 problems and says how many more', () => {
    const variables = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`bad${i}`, 'x']));
    const error = thrown(() => Task.batch().name('main').engine(engine.docker(IMAGE)).env(variables).build());
    expect(error.problems).toHaveLength(1000);
    expect(error.problems.every((p) => p.rule === 'env-name')).toBe(true);
    const lines = error.message.split('\n');
    expect(lines.length).toBeLessThanOrEqual(25);
    expect(lines[0]).toBe('Invalid batch task: 1000 problems');
    expect(lines[1]).toContain('Env.bad0: ');
    expect(error.message).toContain('980 more');
    expect(error.name).toBe('BacalhauSpecError');
  });
});

describe('Go regular expressions (s3 Filter and regex partitions)', () => {
  const withFilter = (filter: string): Wire => withSource({ Type: 's3', Params: { Bucket: 'b', Filter: filter } });

  it.each(['C:\\\\1', '\\(?=x', '(?P<year>\\d{4})', '(?i)\\.json$', '\\Q.*\\E', 'a\\z'])('accepts %s, which Go accepts', (pattern) => {
    expectValid(withFilter(pattern));
  });

  it.each([
    ['(?=x)', 'look-around'],
    ['(a)\\1', 'back-reference'],
    ['\\y', 'invalid escape'],
    ['a{1001}', 'repeat count'],
    ['[unclosed', 'Unterminated'],
  ])('refuses %s, which Go refuses', (pattern, fragment) => {
    expectProblem(withFilter(pattern), 'InputSources[0].Source.Params.Filter', 'regex', fragment);
  });
});

describe('messages stay one line per problem', () => {
  it('escapes control characters that user input carries into messages', () => {
    const env = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`A${i}\nB\nC`, 'x']));
    const error = thrown(() => Task.batch().name('n').engine(engine.docker(IMAGE)).env(env).build());
    expect(error.problems).toHaveLength(30);
    expect(error.message.split('\n').length).toBeLessThanOrEqual(22);
    expect(error.message).toContain('\\n');
  });
});

describe('messages and unset values (what a new user trips over)', () => {
  const base = { Name: 'm', Engine: { Type: 'docker', Params: { Image: 'b' } } };

  it.each([
    ['lots', 'not a number of cores or millicores'],
    ['-1', 'cannot be negative'],
  ])('CPU %s says what is wrong with it', (cpu, fragment) => {
    const [problem, ...rest] = validateTask({ ...base, Resources: { CPU: cpu } }).problems;
    expect(rest).toEqual([]);
    expect(problem?.message).toContain(fragment);
    expect(problem?.message.includes('negative')).toBe(cpu.startsWith('-'));
  });

  it('a key whose value is undefined is unset, as for the builders and JSON.stringify', () => {
    expect(validateTask({ ...base, Env: undefined, Resources: { CPU: undefined } }).problems).toEqual([]);
    expect(validateJob({ Type: 'batch', Count: undefined, Name: undefined, Tasks: [base] }).problems).toEqual([]);
  });

  it('a blank job name is valid, with a warning: updates by name cannot find the job', () => {
    const report = validateJob({ Type: 'batch', Name: '', Tasks: [base] });
    expect(report.valid).toBe(true);
    expect(report.warnings.map((w) => `${w.path} ${w.rule}`)).toEqual(['Name not-blank']);
    expect(validateJob({ Type: 'batch', Tasks: [base] }).warnings).toEqual([]);
  });
});

describe('validators agree with the readers on free-form Params of custom types', () => {
  const nested = (levels: number): Record<string, unknown> => {
    let value: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < levels; i++) value = { x: value };
    return value;
  };
  const cases: [string, Record<string, unknown>, string][] = [
    ['a hole in an array', { list: [1, , 3] }, 'json-value'],
    ['undefined inside a list', { list: [1, undefined] }, 'json-value'],
    ['a function', { run: () => 1 }, 'json-value'],
    ['nesting past the limit', nested(150), 'too-large'],
    ['a cycle (which once made validateTask loop)', (() => {
      const cyclic: Record<string, unknown> = { a: 1 };
      cyclic['self'] = cyclic;
      return cyclic;
    })(), 'json-value'],
  ];

  it.each(cases)('%s: validateTask/validateJob report what safeParseTask/safeParseJob report', (_name, params, rule) => {
    const task = { Name: 'main', Engine: { Type: 'custom', Params: params }, Publisher: { Type: 'local' } };
    const job = { Name: 'j', Type: 'batch', Tasks: [task] };
    const pathsAndRules = (problems: readonly Problem[]) => problems.map((p) => `${p.path} ${p.rule}`);
    const viaValidate = validateTask(task, { jobType: 'batch' });
    const viaJob = validateJob(job);
    expect(viaValidate.valid).toBe(false);
    expect(viaJob.valid).toBe(false);
    expect(viaValidate.problems.map((p) => p.rule)).toContain(rule);
    expect(pathsAndRules(viaValidate.problems)).toEqual(pathsAndRules(safeParseTask(task, { jobType: 'batch' }).problems));
    // Depth counts from the spec's root, so inside a job the cut comes two levels sooner.
    expect(pathsAndRules(viaJob.problems)).toEqual(pathsAndRules(safeParseJob(job).problems));
  });

  it('custom Params nested within the limit are valid everywhere', () => {
    const task = { Name: 'main', Engine: { Type: 'custom', Params: nested(50) }, Publisher: { Type: 'local' } };
    expect(validateTask(task, { jobType: 'batch' }).valid).toBe(true);
    expect(safeParseTask(task).valid).toBe(true);
  });
});

describe('syntax problems', () => {
  it('are listed in the order of the text, mapping keys among them', () => {
    const text = 'Name: a\n? [a]\n: 1\nb:\n  ? {x: 1}\n  : 2\n\tbad: tab\n';
    const problems = safeParseJob(text).problems;
    expect(problems.every((p) => p.rule === 'syntax')).toBe(true);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [2, 3],
      [5, 5],
      [7, 1],
    ]);
  });
});

describe('a jobType option that is no job type (from JavaScript)', () => {
  const task = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } }, Publisher: { Type: 'local' } };
  const unknownType = 'Batch' as unknown as 'batch';
  const expected = { path: '', rule: 'job-type', message: 'unknown job type "Batch" in the jobType option: use one of batch, ops, service, daemon (lowercase)' };

  it('validateTask, safeParseTask and safeParseJob report it as a job-type problem instead of failing', () => {
    expect(validateTask(task, { jobType: unknownType }).problems).toEqual([expect.objectContaining(expected)]);
    expect(safeParseTask(task, { jobType: unknownType }).problems).toEqual([expect.objectContaining(expected)]);
    const job = safeParseJob({ Name: 'j', Type: 'batch', Tasks: [task] }, { jobType: unknownType });
    expect(job.problems).toEqual([expect.objectContaining(expected)]);
    // The draft keeps the type the file names, not the unknown one asked for.
    expect(job.valid === false && job.draft?.Type).toBe('batch');
  });

  it('publishesResults answers false for it', () => {
    expect(publishesResults(unknownType)).toBe(false);
    expect(publishesResults('__proto__' as 'batch')).toBe(false);
  });
});

describe('template warnings on shared and cyclic values', () => {
  it('warn at every path a shared value is reached by, and once along a cycle', () => {
    const shared = { GREETING: '{{ .name }}' };
    const task = { Name: 'main', Engine: { Type: 'custom', Params: { a: shared, b: shared } }, Publisher: { Type: 'local' } };
    const warnings = validateTask(task, { jobType: 'batch' }).warnings.filter((w) => w.rule === 'template');
    expect(warnings.map((w) => w.path).sort()).toEqual(['Engine.Params.a.GREETING', 'Engine.Params.b.GREETING']);
    const cyclic: Record<string, unknown> = { note: '{{ x }}' };
    cyclic['self'] = cyclic;
    const report = validateTask({ ...task, Engine: { Type: 'custom', Params: cyclic } }, { jobType: 'batch' });
    expect(report.warnings.filter((w) => w.rule === 'template').map((w) => w.path)).toEqual(['Engine.Params.note']);
  });
});
