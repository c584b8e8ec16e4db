/**
 * Every optional option property also accepts `undefined`, so code compiled
 * with `exactOptionalPropertyTypes` can pass a `maybe` value straight through,
 * and `undefined` gives the same spec as leaving the option out.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { Task, engine, network, publisher, source } from '../../src/index.js';
import { STRICT_OPTIONS, virtualProgram } from '../virtual-program.js';

const u = undefined;

describe('undefined options', () => {
  it.each([
    ['engine.docker', () => engine.docker('busybox', { entrypoint: u, parameters: u, environmentVariables: u, workingDirectory: u }), () => engine.docker('busybox')],
    ['engine.wasm', () => engine.wasm('/m.wasm', { entrypoint: u, parameters: u, importModules: u }), () => engine.wasm('/m.wasm')],
    ['publisher.s3', () => publisher.s3({ bucket: 'b', key: 'k', endpoint: u, region: u, encoding: u }), () => publisher.s3({ bucket: 'b', key: 'k' })],
    ['source.s3', () => source.s3({ bucket: 'b', key: u, filter: u, region: u, endpoint: u, versionId: u, partition: u }), () => source.s3({ bucket: 'b' })],
    ['source.local', () => source.local('/data', { readWrite: u, createAs: u }), () => source.local('/data')],
    ['network.host', () => network.host([{ name: 'http', static: u, hostNetwork: u }]), () => network.host([{ name: 'http' }])],
    ['network.bridge', () => network.bridge([{ name: 'http', static: u, target: u, hostNetwork: u }]), () => network.bridge([{ name: 'http' }])],
  ] as const)('%s: undefined is the same as leaving the option out', (_name, withUndefined, without) => {
    expect(withUndefined()).toStrictEqual(without());
  });

  it('.input(…, { alias: undefined }) is the same as no alias', () => {
    const base = Task.batch().name('m').engine(engine.docker('b'));
    expect(base.input(source.ipfs('Qm1'), { target: '/in', alias: undefined }).build()).toStrictEqual(base.input(source.ipfs('Qm1'), { target: '/in' }).build());
  });

  it('compiles under exactOptionalPropertyTypes with maybe values passed straight through', () => {
    const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url)).replace(/\.ts$/, '.js');
    const file = fileURLToPath(new URL('./__undefined_options__.ts', import.meta.url));
    const code = `import { Task, engine, network, publisher, source } from ${JSON.stringify(entry)};
declare const maybe: string | undefined;
declare const maybeList: readonly string[] | undefined;
declare const maybeNumber: number | undefined;
engine.docker('b', { entrypoint: maybeList, workingDirectory: maybe });
engine.wasm('/m.wasm', { entrypoint: maybe, parameters: maybeList });
publisher.s3({ bucket: 'b', key: 'k', region: maybe });
source.s3({ bucket: 'b', key: maybe, region: maybe });
network.bridge([{ name: 'p', static: maybeNumber, target: maybeNumber, hostNetwork: maybe }]);
Task.batch().name('m').engine(engine.docker('b')).input(source.ipfs('Qm1'), { target: '/in', alias: maybe });
export {};
`;
    const program = virtualProgram(new Map([[file, code]]), { ...STRICT_OPTIONS, exactOptionalPropertyTypes: true });
    const messages = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual([]);
  });
});
