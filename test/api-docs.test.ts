/**
 * Every public symbol carries JSDoc with an example: exports of the entry point,
 * the members of its helper namespaces, and the methods of exported interfaces.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entries = ['../src/index.ts', '../src/node/index.ts'].map((path) => fileURLToPath(new URL(path, import.meta.url)));
const program = ts.createProgram(entries, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, types: ['node'] });
const checker = program.getTypeChecker();

function hasExample(symbol: ts.Symbol): boolean {
  const tags = symbol.getJsDocTags(checker).map((tag) => tag.name);
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker));
  return tags.includes('example') || text.includes('### Examples');
}

function publicSymbols(entry: string): [string, ts.Symbol][] {
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error('entry point not found');
  const result: [string, ts.Symbol][] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (symbol.flags & ts.SymbolFlags.ValueModule) {
      // `export * as engine from …`: the namespace's own members are public too.
      for (const member of checker.getExportsOfModule(symbol)) result.push([`${exported.name}.${member.name}`, member]);
      continue;
    }
    result.push([exported.name, symbol]);
    if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) {
      for (const member of checker.getDeclaredTypeOfSymbol(symbol).getProperties()) {
        // `#private` members are not part of the API.
        if (member.flags & ts.SymbolFlags.Method && !member.name.startsWith('#')) result.push([`${exported.name}.${member.name}`, member]);
      }
    }
  }
  return result;
}

describe('API documentation', () => {
  const symbols = entries.flatMap(publicSymbols);

  it('finds the public API', () => {
    expect(symbols.map(([name]) => name)).toEqual(expect.arrayContaining(['Task', 'TaskBuilder.build', 'engine.docker', 'validateTask', 'BacalhauClient.submit', 'downloadResults']));
  });

  it.each(symbols)('%s has JSDoc with an example', (_name, symbol) => {
    expect(hasExample(symbol)).toBe(true);
  });
});
