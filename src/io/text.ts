/**
 * Reading YAML or JSON text the way `bacalhau job run` does (YAML 1.1, so
 * `yes`/`no`/`on`/`off` are booleans; JSON is read as YAML), and pointing
 * problems at a line and column.
 *
 * @module
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type ParsedNode } from 'yaml';
import { MAX_DEPTH } from '../core/copy.js';
import type { Problem } from '../core/errors.js';
import { pathSegments, problemAt } from '../core/report.js';

/** Limits that protect against hostile input. */
export interface ReadLimits {
  /** Largest accepted input, in UTF-16 code units. Default 10 MiB, Bacalhau's own limit. */
  readonly maxLength?: number;
  /** Most alias expansions in a YAML document. Default 100 (defeats "billion laughs"). */
  readonly maxAliasCount?: number;
  /** Deepest nesting of lists and maps. Default 100, far more than any spec needs. */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_LENGTH = 10 * 1024 * 1024;
const DEFAULT_MAX_ALIAS_COUNT = 100;

/** Text that has been read: its data, and a way to place a path in it. */
export interface ReadText {
  readonly value: unknown;
  /**
   * Line and column (1-based) of the value at `path` (of its key with `atKey`),
   * or of its nearest existing ancestor.
   */
  readonly locate: (path: string, atKey?: boolean) => { line: number; column: number } | undefined;
  /** The number at `path` exactly as the text wrote it (`1.0`, `1e3`), or `undefined` when it is not a number there. */
  readonly numberLiteral: (path: string) => string | undefined;
}

/**
 * Where bracket nesting (`{`, `[` outside quoted strings) first exceeds
 * `maxDepth`, or `undefined`. Checked before the YAML library composes the
 * document, which recurses and can exhaust the stack on hostile nesting.
 * Block-style YAML needs an indent per level, so the size limit bounds it.
 */
function flowDepth(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      // A quote starts a string only where a value can start; inside a word it is text.
      const before = text[index - 1];
      if (before === undefined || /[\s{[,:]/.test(before)) quote = char;
    } else if (char === '{' || char === '[') {
      depth++;
      if (depth > maxDepth) return index;
    } else if (char === '}' || char === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function child(node: unknown, segment: string | number, atKey: boolean): unknown {
  if (isSeq(node) && typeof segment === 'number') return node.items[segment];
  if (!isMap(node) || typeof segment !== 'string') return undefined;
  const keyOf = (pair: { key: unknown }): string | undefined => (isScalar(pair.key) ? String(pair.key.value) : undefined);
  const exact = node.items.find((pair) => keyOf(pair) === segment);
  const pair = exact ?? node.items.find((p) => keyOf(p)?.toLowerCase() === segment.toLowerCase());
  if (pair === undefined) return undefined;
  // Point at the key when asked to, or when the value is missing or null.
  return !atKey && (pair.value as Node | null)?.range !== undefined ? pair.value : pair.key;
}

function problem(message: string, rule: Problem['rule'], position?: { line: number; column: number }): Problem {
  return position === undefined ? problemAt('', rule, message) : { ...problemAt('', rule, message), ...position };
}

/**
 * Finds mapping keys that are themselves mappings or sequences: Bacalhau's
 * YAML→JSON step cannot convert them. They usually come from `{{ … }}`
 * template placeholders written without quotes.
 */
function complexKeys(document: Document.Parsed, at: (offset: number) => { line: number; column: number }): Problem[] {
  const found: Problem[] = [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        if (pair.key !== null && !isScalar(pair.key)) {
          const range = (pair.key as ParsedNode).range;
          found.push(problem('a mapping or list cannot be a key (an unquoted {{ … }} template placeholder?); quote the value', 'syntax', at(range[0])));
        }
        pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      pending.push(...node.items);
    }
  }
  return found;
}

/**
 * Reads YAML or JSON text. Throws nothing: syntax problems come back in
 * `problems` with their line and column.
 */
export function readText(text: string, limits: ReadLimits = {}): { read?: ReadText; problems: Problem[] } {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return { problems: [problem(`the input is ${text.length} characters long; the limit is ${maxLength} (Bacalhau accepts at most 10 MB)`, 'too-large')] };
  }
  const maxDepth = limits.maxDepth ?? MAX_DEPTH;
  const depth = flowDepth(text, maxDepth);
  if (depth !== undefined) {
    return { problems: [problem(`lists and maps nest more than ${maxDepth} levels deep (offset ${depth}); the limit is maxDepth`, 'too-large')] };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    version: '1.1',
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    // Every warning the library has (a mapping or list used as a key) is reported as a problem with
    // its place in the text; its own process warnings would only repeat it on the console.
    logLevel: 'error',
    // Go's YAML reader keeps timestamps as text; so does the SDK.
    customTags: (tags) => tags.filter((tag) => typeof tag === 'object' && tag.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const at = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntax = document.errors.map((error) => problem(error.message.split('\n')[0] ?? error.message, 'syntax', at(error.pos[0])));
  syntax.push(...complexKeys(document, at));
  // In the order of the text, as every other problem read from text is listed.
  syntax.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (syntax.length > 0) return { problems: syntax };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Only too many aliases (the "billion laughs" expansion, or any with maxAliasCount 0) is a size problem; an alias to an
    // anchor that is not set (yet), or a bad merge, is a mistake in the text.
    return { problems: [problem(`cannot read the document: ${message}`, /excessive alias count|alias resolution is disabled/i.test(message) ? 'too-large' : 'syntax')] };
  }
  const locate = (path: string, atKey = false): { line: number; column: number } | undefined => {
    let node: unknown = document.contents;
    let found: { line: number; column: number } | undefined = node === null ? undefined : at((node as ParsedNode).range[0]);
    const segments = pathSegments(path);
    for (const [index, segment] of segments.entries()) {
      node = child(node, segment, atKey && index === segments.length - 1);
      const range = (node as ParsedNode | undefined)?.range;
      if (range === undefined) break;
      found = at(range[0]);
    }
    return found;
  };
  const numberLiteral = (path: string): string | undefined => {
    let node: unknown = document.contents;
    for (const segment of pathSegments(path)) node = child(node, segment, false);
    if (!isScalar(node) || typeof node.value !== 'number') return undefined;
    return typeof node.source === 'string' ? node.source : undefined;
  };
  return { read: { value, locate, numberLiteral }, problems: [] };
}
