/**
 * "Did you mean …?" for misspelt keys.
 *
 * @module
 */

/** Keys people write that are not Bacalhau's, mapped to the key they meant. */
const KNOWN_MISTAKES: Readonly<Record<string, string>> = {
  resourcesconfig: 'Resources',
  outputs: 'ResultPaths',
  inputs: 'InputSources',
  resultpath: 'ResultPaths',
  inputsource: 'InputSources',
  timeout: 'Timeouts',
  environment: 'Env',
  workdir: 'WorkingDirectory',
  cmd: 'Parameters',
  args: 'Parameters',
  path: 'SourcePath',
};

/** Levenshtein distance, small inputs only. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known key `key` most likely stands for, if one is close enough. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const mistake = KNOWN_MISTAKES[lower];
  if (mistake !== undefined && known.includes(mistake)) return mistake;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
