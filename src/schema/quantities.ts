/**
 * Parsers for the quantity strings Bacalhau reads, with Bacalhau's own semantics.
 *
 * Each returns `undefined` for input Bacalhau would reject, so callers decide how
 * to report it.
 *
 * @module
 */

/**
 * Removes what Bacalhau strips before parsing a resource value: it lowercases
 * the value and deletes every space and line break.
 */
function normaliseResource(value: string): string {
  return value.toLowerCase().replace(/\s+/g, '');
}

const DECIMAL_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/;
const SIGNED_INT = /^[+-]?\d+$/;
const INT64_MAX = 2 ** 63;

/**
 * Parses a CPU quantity as Bacalhau does (`k8sresource`): `"<int>m"` is
 * millicores, anything else is a decimal number of cores. Returns millicores
 * (cores × 1000, truncated), or `undefined` when Bacalhau would reject the value
 * (unparseable, negative, `inf`/`nan`).
 *
 * The value is lowercased first, so `"500M"` means 500 millicores.
 *
 * @example
 * ```ts
 * import { parseCpu } from 'bacalhau-jobs';
 * parseCpu('250m'); // 250
 * parseCpu('1.5'); // 1500
 * parseCpu('1k'); // undefined
 * ```
 *
 * @group Helpers
 */
export function parseCpu(value: string): number | undefined {
  const text = normaliseResource(value);
  let millicores: number;
  if (text.endsWith('m')) {
    const digits = text.slice(0, -1);
    if (!SIGNED_INT.test(digits)) return undefined;
    millicores = Number(digits);
  } else {
    if (!DECIMAL_FLOAT.test(text)) return undefined;
    millicores = Math.trunc(Number(text) * 1000);
  }
  if (!Number.isFinite(millicores) || Math.abs(millicores) >= INT64_MAX) return undefined;
  if (millicores < 0) return undefined;
  return millicores + 0; // normalises -0
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  p: 1e15,
  pb: 1e15,
  e: 1e18,
  eb: 1e18,
  ki: 2 ** 10,
  kib: 2 ** 10,
  mi: 2 ** 20,
  mib: 2 ** 20,
  gi: 2 ** 30,
  gib: 2 ** 30,
  ti: 2 ** 40,
  tib: 2 ** 40,
  pi: 2 ** 50,
  pib: 2 ** 50,
  ei: 2 ** 60,
  eib: 2 ** 60,
};
const BYTE_NUMBER = /^(\d+\.?\d*|\.\d+)$/;
const UINT64_LIMIT = 2 ** 64;

/**
 * Parses a memory or disk size as Bacalhau does (`go-humanize` `ParseBytes`):
 * a number (digits, `.`, `,`) and an optional unit. SI units (`k`, `MB`, `Gb`…)
 * are powers of 1000, IEC units (`Ki`, `MiB`, …) powers of 1024, and `b` is a
 * byte, never a bit. Returns the byte count (fractions truncated, as Bacalhau
 * does), or `undefined` when Bacalhau would reject the value.
 *
 * Counts above 2^53 are returned as the nearest double, exactly as Go computes them.
 *
 * @example
 * ```ts
 * import { parseBytes } from 'bacalhau-jobs';
 * parseBytes('1Gb'); // 1000000000
 * parseBytes('512MiB'); // 536870912
 * parseBytes('1e9'); // undefined: exponents are not understood
 * ```
 *
 * @group Helpers
 */
export function parseBytes(value: string): number | undefined {
  const text = normaliseResource(value);
  const numberEnd = text.search(/[^\d.,]/);
  const numberPart = (numberEnd === -1 ? text : text.slice(0, numberEnd)).replaceAll(',', '');
  const unit = numberEnd === -1 ? '' : text.slice(numberEnd);
  if (!BYTE_NUMBER.test(numberPart)) return undefined;
  const multiplier = Object.hasOwn(BYTE_UNITS, unit) ? BYTE_UNITS[unit] : undefined;
  if (multiplier === undefined) return undefined;
  const bytes = Number(numberPart) * multiplier;
  if (!(bytes < UINT64_LIMIT)) return undefined;
  return Math.trunc(bytes);
}

/**
 * Parses a GPU count as Bacalhau does (`strconv.ParseUint`, base 10): digits
 * only, no sign, no fraction. Returns the count, or `undefined`.
 *
 * @example
 * ```ts
 * import { parseGpu } from 'bacalhau-jobs';
 * parseGpu('2'); // 2
 * parseGpu('1.0'); // undefined
 * ```
 *
 * @group Helpers
 */
export function parseGpu(value: string): number | undefined {
  const text = normaliseResource(value);
  if (!/^\d+$/.test(text)) return undefined;
  const count = Number(text);
  return count < UINT64_LIMIT ? count : undefined;
}

const DURATION_UNITS_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
const NS_PER_SECOND = 1_000_000_000n;

/**
 * Parses a duration string in Go's `time.ParseDuration` syntax (`'90s'`, `'10m'`,
 * `'1h30m'`, `'1.5h'`) into whole seconds. Returns `undefined` when the text is
 * not a duration, is negative, or is not a whole number of seconds (`'1500ms'`):
 * Bacalhau's timeouts are integer seconds and the SDK never rounds.
 *
 * @example
 * ```ts
 * import { parseDuration } from 'bacalhau-jobs';
 * parseDuration('1h30m'); // 5400
 * parseDuration('90s'); // 90
 * parseDuration('10 minutes'); // undefined
 * ```
 *
 * @group Helpers
 */
export function parseDuration(input: string): number | undefined {
  // Go allows one leading sign; a negative duration is not a timeout unless it is zero.
  const negative = input.startsWith('-');
  const text = input.startsWith('-') || input.startsWith('+') ? input.slice(1) : input;
  if (text === '' || text === '0') return text === '0' ? 0 : undefined;
  let totalNs = 0n;
  DURATION_PART.lastIndex = 0;
  let position = 0;
  while (position < text.length) {
    DURATION_PART.lastIndex = position;
    const match = DURATION_PART.exec(text);
    if (match === null) return undefined;
    const [, amount = '', unit = ''] = match;
    const unitNs = DURATION_UNITS_NS[unit] ?? 0n;
    const [whole = '', fraction = ''] = amount.split('.');
    totalNs += BigInt(whole || '0') * unitNs;
    if (fraction !== '') totalNs += (BigInt(fraction) * unitNs) / 10n ** BigInt(fraction.length);
    position = DURATION_PART.lastIndex;
  }
  if (totalNs % NS_PER_SECOND !== 0n || (negative && totalNs !== 0n)) return undefined;
  const seconds = totalNs / NS_PER_SECOND;
  return seconds <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seconds) : undefined;
}
