/**
 * Compiles files that exist only in memory, beside the real project files, with
 * the project's strict options: for tests of what users' code compiles to. A
 * helper module for the tests, not a test itself.
 */
import ts from 'typescript';
import { STRICT_OPTIONS_JSON, projectRoot } from './compilers.js';

/** The compiler options of tsconfig.json that matter to users' code: compilers.ts's, in the compiler API's form. */
export const STRICT_OPTIONS: ts.CompilerOptions = ts.convertCompilerOptionsFromJson(STRICT_OPTIONS_JSON, projectRoot).options;

/** A program over `files` (absolute path → source text), which may import the project's real files. */
export function virtualProgram(files: ReadonlyMap<string, string>, options: ts.CompilerOptions = STRICT_OPTIONS): ts.Program {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    const text = files.get(name);
    return text === undefined ? getSourceFile(name, version) : ts.createSourceFile(name, text, version);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  return ts.createProgram([...files.keys()], options, host);
}
