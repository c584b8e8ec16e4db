/**
 * The differential conformance run (`npm run conformance`): the SDK's verdict
 * on every spec we have — the conformance corpus, Bacalhau's validation vectors
 * that name a job or task, and seeded generated specs — against Bacalhau's own
 * (the oracle: `bacalhau job validate`'s checks and the orchestrator's submit
 * pipeline, linked from v1.9.3), then a lossless round trip through a real
 * orchestrator for every spec both accept. Writes docs/conformance.md and exits
 * 1 on any case where the SDK is looser than Bacalhau.
 *
 * CONFORMANCE_SEED fixes the seed (printed either way); CONFORMANCE_COUNT the
 * number of generated specs (default 10,000).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureOracle, runOracle, type OracleVerdict } from '../../scripts/oracle.mjs';
import { startNode } from '../../scripts/bacalhau.mjs';
import { BacalhauApiError, BacalhauClient, Job, parseJobResponse, safeParseJob, toJSON, type JobSpec, type Problem } from '../../src/index.js';
import { stringify } from 'yaml';
import { generateSpecs } from './generate.js';
import { STRICTER, stricterReason } from './stricter.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpusDir = join(root, '..', 'shared', 'conformance');

/** One spec, as a user would hand it to `bacalhau job run` and to the SDK. */
interface Case {
  readonly id: string;
  readonly source: 'corpus' | 'vector' | 'generated';
  readonly text: string;
  readonly mutations: readonly string[];
}

type Verdict = 'both-accept' | 'both-reject' | 'sdk-stricter' | 'sdk-looser';

interface Outcome {
  readonly case: Case;
  readonly sdk: { readonly valid: boolean; readonly problems: readonly Problem[]; readonly spec: JobSpec | undefined };
  readonly bacalhau: OracleVerdict;
  readonly verdict: Verdict;
}

function corpusCases(): Case[] {
  return readdirSync(corpusDir)
    .filter((file) => /\.(ya?ml|json)$/.test(file) && file !== 'swagger.json' && file !== 'validation-vectors.json')
    .sort()
    .map((file) => ({ id: `corpus:${file}`, source: 'corpus', text: readFileSync(join(corpusDir, file), 'utf8'), mutations: [] }));
}

/** The vectors that name a whole job, or a task (wrapped in the smallest job that holds it). */
function vectorCases(): Case[] {
  const { vectors } = JSON.parse(readFileSync(join(corpusDir, 'validation-vectors.json'), 'utf8')) as { vectors: { id: string; kind: string; input: unknown }[] };
  const cases: Case[] = [];
  for (const vector of vectors) {
    let job: unknown;
    if (vector.kind === 'job' || vector.kind === 'decode') job = vector.input;
    else if (vector.kind === 'task') job = { Name: 'vector-task', Type: 'batch', Tasks: [vector.input] };
    else continue;
    cases.push({ id: `vector:${vector.id}`, source: 'vector', text: JSON.stringify(job, null, 2), mutations: [] });
  }
  return cases;
}

function classify(sdkValid: boolean, bacalhau: OracleVerdict): Verdict {
  const accepted = bacalhau.cli.ok && bacalhau.server.ok;
  if (sdkValid && accepted) return 'both-accept';
  if (!sdkValid && !accepted) return 'both-reject';
  return sdkValid ? 'sdk-looser' : 'sdk-stricter';
}

/** Field names a problem path mentions: `Tasks[0].Engine.Params.Image` → Image, Params, Engine, Tasks. */
function fieldNames(problem: Problem): string[] {
  return problem.path
    .split(/[.[\]]+/)
    .filter((part) => part !== '' && !/^\d+$/.test(part))
    .reverse();
}

/** Whether the SDK names a field Bacalhau's error names: the deepest field of any problem, found in the error text. */
function namesSameField(problems: readonly Problem[], bacalhau: OracleVerdict): boolean {
  const text = `${bacalhau.cli.error}\n${bacalhau.server.error}\n${bacalhau.server.detail}`.toLowerCase();
  return problems.some((problem) => {
    const [deepest] = fieldNames(problem);
    return deepest !== undefined && text.includes(deepest.toLowerCase());
  });
}

/** The spec as YAML (JSON text converted, when it parses), for people to read. */
function asYaml(text: string): string {
  if (!text.trimStart().startsWith('{')) return text.trimEnd();
  try {
    return stringify(JSON.parse(text) as unknown).trimEnd();
  } catch {
    return text.trimEnd();
  }
}

/** The spec a failing case boils down to: its text as YAML, both verdicts. */
function reproducer(outcome: Outcome): string {
  return [
    `### ${outcome.case.id}${outcome.case.mutations.length > 0 ? ` (mutations: ${outcome.case.mutations.join(', ')})` : ''}`,
    '',
    '```yaml',
    asYaml(outcome.case.text),
    '```',
    '',
    `- SDK: ${outcome.sdk.valid ? 'accepts' : outcome.sdk.problems.map((p) => `${p.path}: ${p.rule}`).join('; ')}`,
    `- bacalhau job validate: ${outcome.bacalhau.cli.ok ? 'accepts' : outcome.bacalhau.cli.error}`,
    `- PUT /api/v1/orchestrator/jobs: ${outcome.bacalhau.server.ok ? 'accepts' : `${outcome.bacalhau.server.stage} (HTTP ${outcome.bacalhau.server.status}): ${outcome.bacalhau.server.detail || outcome.bacalhau.server.error}`}`,
    '',
  ].join('\n');
}

/** Flattens JSON to `path → value` for field-by-field comparison. */
function flatten(value: unknown, path = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((item, index) => flatten(item, `${path}[${index}]`, into));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) flatten(item, path === '' ? key : `${path}.${key}`, into);
  else into.set(path, value);
  return into;
}

/** `Tasks[0].InputSources[3].Target` → `Tasks[].InputSources[].Target`: one row per field, not per index. */
function fieldOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]').replace(/^(Meta|Labels|Tasks\[\]\.(Env|Meta))\.[^.]+$/, '$1.*');
}

interface RoundTrip {
  submitted: number;
  lossless: number;
  readonly failures: string[];
  /** Field → how often the server added it (absent from the SDK's form). */
  readonly serverDefaults: Map<string, number>;
  /** Field → how often the stored value differs from the SDK's. */
  readonly changed: Map<string, { count: number; example: string }>;
}

/** Submits every spec both accept to a real orchestrator and checks the stored job comes back unchanged. */
async function roundTrip(outcomes: readonly Outcome[], log: (line: string) => void): Promise<RoundTrip> {
  const node = await startNode({ compute: false });
  const client = new BacalhauClient({ url: node.url, retries: 2 });
  const result: RoundTrip = { submitted: 0, lossless: 0, failures: [], serverDefaults: new Map(), changed: new Map() };
  try {
    const accepted = outcomes.filter((outcome) => outcome.verdict === 'both-accept' && outcome.sdk.spec !== undefined);
    const queue = [...accepted.entries()];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const [index, outcome] = next;
        // A unique name: every spec is a new job, never an update of another.
        const spec = Job.from(outcome.sdk.spec as JobSpec)
          .name(`rt-${index}-${(outcome.sdk.spec?.Name ?? 'job').slice(0, 40)}`)
          .build();
        try {
          const { jobId } = await client.submit(spec);
          result.submitted++;
          const { job: stored } = await client.get(jobId);
          compare(spec, stored, result);
          const rebuilt = Job.from(parseJobResponse({ Job: stored })).build();
          const { diff } = await client.diff(rebuilt);
          if (diff !== '') throw new Error(`diff after the round trip:\n${diff}`);
          const again = await client.submit(rebuilt).then(
            () => 'accepted',
            (error: unknown) => (error instanceof BacalhauApiError && error.message.includes('no changes detected') ? 'no changes' : String(error)),
          );
          if (again !== 'no changes') throw new Error(`resubmitting without force: ${again}`);
          result.lossless++;
        } catch (error) {
          result.failures.push(`${outcome.case.id}: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (result.submitted % 1000 === 0 && result.submitted > 0) log(`  round trip: ${result.submitted} of ${accepted.length}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    await node.cleanup();
  }
  return result;
}

function compare(spec: JobSpec, stored: object, result: RoundTrip): void {
  const ours = flatten(JSON.parse(toJSON(spec)));
  const theirs = flatten(stored);
  const serverOwned = /^(ID|State|Version|Revision|CreateTime|ModifyTime|Meta\.bacalhau\.org\/.*)(\.|$)/;
  for (const [path, value] of theirs) {
    if (serverOwned.test(path)) continue;
    const field = fieldOf(path);
    if (!ours.has(path)) {
      result.serverDefaults.set(field, (result.serverDefaults.get(field) ?? 0) + 1);
      continue;
    }
    if (ours.get(path) !== value) {
      const entry = result.changed.get(field) ?? { count: 0, example: `${short(ours.get(path))} → ${short(value)}` };
      entry.count++;
      result.changed.set(field, entry);
    }
  }
  for (const path of ours.keys()) {
    if (!theirs.has(path)) {
      const field = `${fieldOf(path)} (dropped by the server)`;
      const entry = result.changed.get(field) ?? { count: 0, example: short(ours.get(path)) };
      entry.count++;
      result.changed.set(field, entry);
    }
  }
}

/** A value as JSON, cut to 40 characters for a table cell. */
function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

async function main(): Promise<number> {
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const seed = Number(process.env['CONFORMANCE_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  if (!Number.isSafeInteger(seed)) throw new Error(`CONFORMANCE_SEED must be an integer, got ${process.env['CONFORMANCE_SEED']}`);
  const count = Number(process.env['CONFORMANCE_COUNT'] ?? 10_000);
  log(`conformance: seed ${seed} (CONFORMANCE_SEED=${seed} reproduces this run), ${count} generated specs`);
  const started = Date.now();
  const cases: Case[] = [
    ...corpusCases(),
    ...vectorCases(),
    ...generateSpecs(seed, count).map((spec) => ({ id: spec.id, source: 'generated' as const, text: spec.text, mutations: spec.mutations })),
  ];
  await ensureOracle({ log });
  const verdicts = await runOracle(cases.map(({ id, text }) => ({ id, text })));
  const outcomes: Outcome[] = cases.map((item, index) => {
    const parsed = safeParseJob(item.text);
    const bacalhau = verdicts[index] as OracleVerdict;
    return { case: item, sdk: { valid: parsed.valid, problems: parsed.problems, spec: parsed.spec }, bacalhau, verdict: classify(parsed.valid, bacalhau) };
  });
  log(`  verdicts for ${outcomes.length} specs in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Smallest first: the shortest spec that shows a difference is the one to read.
  const looser = outcomes.filter((o) => o.verdict === 'sdk-looser').sort((a, b) => a.case.text.length - b.case.text.length);
  const stricter = outcomes.filter((o) => o.verdict === 'sdk-stricter');
  const bothReject = outcomes.filter((o) => o.verdict === 'both-reject');
  const unexplained = stricter.filter((o) => o.sdk.problems.some((p) => stricterReason(p.rule) === undefined));
  const sameField = bothReject.filter((o) => namesSameField(o.sdk.problems, o.bacalhau)).length;

  const trip = await roundTrip(outcomes, log);
  writeFileSync(join(root, 'docs', 'conformance.md'), report({ seed, count, outcomes, looser, stricter, unexplained, bothReject, sameField, trip }));
  log(`  wrote docs/conformance.md in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const dump = process.env['CONFORMANCE_DUMP'];
  if (dump !== undefined) writeFileSync(dump, JSON.stringify(outcomes.filter((o) => o.verdict !== 'both-accept').map((o) => ({ id: o.case.id, verdict: o.verdict, mutations: o.case.mutations, text: o.case.text, sdk: o.sdk.problems, bacalhau: o.bacalhau })), null, 1));
  for (const outcome of looser.slice(0, 5)) log(reproducer(outcome));
  const failed = looser.length > 0 || trip.failures.length > 0;
  log(
    `conformance: ${outcomes.length} specs; both accept ${outcomes.length - looser.length - stricter.length - bothReject.length}, both reject ${bothReject.length}, SDK stricter ${stricter.length} (${unexplained.length} unexplained), SDK looser ${looser.length}; round trip ${trip.lossless}/${trip.submitted} lossless`,
  );
  return failed ? 1 : 0;
}

interface ReportInput {
  readonly seed: number;
  readonly count: number;
  readonly outcomes: readonly Outcome[];
  readonly looser: readonly Outcome[];
  readonly stricter: readonly Outcome[];
  readonly unexplained: readonly Outcome[];
  readonly bothReject: readonly Outcome[];
  readonly sameField: number;
  readonly trip: RoundTrip;
}

function report(input: ReportInput): string {
  const { outcomes, looser, stricter, unexplained, bothReject, trip } = input;
  const bySource = (['corpus', 'vector', 'generated'] as const).map((source) => {
    const of = outcomes.filter((o) => o.case.source === source);
    const n = (verdict: Verdict): number => of.filter((o) => o.verdict === verdict).length;
    return [source, of.length, n('both-accept'), n('both-reject'), n('sdk-stricter'), n('sdk-looser')];
  });
  const ruleCounts = new Map<string, { stricter: number; both: number }>();
  for (const outcome of [...stricter, ...bothReject]) {
    for (const rule of new Set(outcome.sdk.problems.map((p) => p.rule))) {
      const entry = ruleCounts.get(rule) ?? { stricter: 0, both: 0 };
      if (outcome.verdict === 'sdk-stricter') entry.stricter++;
      else entry.both++;
      ruleCounts.set(rule, entry);
    }
  }
  const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);
  return [
    '---',
    'title: Conformance with Bacalhau',
    '---',
    '',
    '# Conformance with Bacalhau v1.9.3',
    '',
    '_Generated by `npm run conformance`; do not edit by hand._',
    '',
    `Every spec below was judged twice: by the SDK (\`safeParseJob\`) and by Bacalhau v1.9.3 itself — what \`bacalhau job validate\``,
    'checks, then what `PUT /api/v1/orchestrator/jobs` checks on an orchestrator (submit check, normalisation, defaults, store check),',
    `run by a Go program linked against Bacalhau's own code. Seed of the generated specs: ${input.seed} (${input.count} specs).`,
    '',
    '## Verdicts',
    '',
    table(['source', 'specs', 'both accept', 'both reject', 'SDK stricter', 'SDK looser'], [...bySource, ['all', outcomes.length, ...(['both-accept', 'both-reject', 'sdk-stricter', 'sdk-looser'] as const).map((v) => outcomes.filter((o) => o.verdict === v).length)]]),
    '',
    `When both reject, the SDK names a field that Bacalhau's error names in ${input.sameField} of ${bothReject.length} specs (${percent(input.sameField, bothReject.length)}).`,
    '',
    '## Per rule',
    '',
    table(
      ['SDK rule', 'specs where only the SDK rejects', 'specs both reject'],
      [...ruleCounts].sort(([a], [b]) => a.localeCompare(b)).map(([rule, { stricter: s, both }]) => [`\`${rule}\``, s, both]),
    ),
    '',
    '## Where the SDK is stricter than Bacalhau',
    '',
    'Every spec the SDK refuses and Bacalhau accepts breaks one of these rules, each for a stated reason.',
    '',
    table(
      ['SDK rules', 'why the SDK refuses what Bacalhau accepts'],
      STRICTER.map((entry) => [entry.rules.map((rule) => `\`${rule}\``).join(', '), entry.reason]),
    ),
    '',
    unexplained.length === 0 ? 'No stricter case falls outside this list.' : `**${unexplained.length} stricter cases fall outside this list:**\n\n${unexplained.slice(0, 10).map(reproducer).join('\n')}`,
    '',
    '## SDK looser than Bacalhau',
    '',
    looser.length === 0 ? 'None.' : looser.slice(0, 20).map(reproducer).join('\n'),
    '',
    '## Round trip through a real orchestrator',
    '',
    `Each of the ${trip.submitted} specs both accept was submitted (under a unique name), read back with \`GET /jobs/{id}\`, turned into a`,
    'spec with `parseJobResponse`, rebuilt with `Job.from(…).build()`, compared with `PUT /jobs/diff`, and resubmitted without `force`.',
    `Lossless (empty diff, and Bacalhau's "no changes detected" answer): ${trip.lossless} of ${trip.submitted}.`,
    '',
    trip.failures.length === 0 ? '' : trip.failures.slice(0, 20).map((failure) => `- ${failure}`).join('\n'),
    '',
    '### The stored job against the SDK\'s canonical form',
    '',
    'Fields the server changed or dropped (not counting the fields it owns: ID, State, Version, Revision, times, `bacalhau.org/` Meta):',
    '',
    trip.changed.size === 0 ? 'None.' : table(['field', 'specs', 'example'], [...trip.changed].sort(([a], [b]) => a.localeCompare(b)).map(([field, { count, example }]) => [`\`${field}\``, count, `\`${example}\``])),
    '',
    'Fields the server added (its defaults):',
    '',
    table(['field', 'specs'], [...trip.serverDefaults].sort(([a], [b]) => a.localeCompare(b)).map(([field, n]) => [`\`${field}\``, n])),
    '',
  ].join('\n');
}

process.exitCode = await main();
