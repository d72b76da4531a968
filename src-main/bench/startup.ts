/**
 * The fixed cost of a run, phase by phase: runs real `backprop-lab train` commands (the built CLI, a
 * fresh temporary database, the worker as a child process) with BACKPROP_LAB_TRACE set, and lines up
 * the marks the processes leave (phase-trace.ts) against the moment the command was started.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { epochMs } from '../trace/phase-trace';

export interface TraceLine {
  readonly phase: string;
  readonly at: number;
  readonly pid: number;
  /** CPU ms this process had used at the mark. */
  readonly cpu: number;
  readonly ms?: number;
}

/** One phase of a command: when it ended after the command started, and how long it took. */
export interface Phase {
  readonly name: string;
  /** Milliseconds the phase took. */
  readonly ms: number;
  /** CPU milliseconds its process spent in it (null when it spans processes or is a sum). */
  readonly cpuMs: number | null;
  /** Milliseconds from the command's start to the end of the phase (null for phases summed over the run). */
  readonly endMs: number | null;
}

export interface CommandTiming {
  readonly title: string;
  readonly command: string;
  readonly iterations: number;
  readonly phases: readonly Phase[];
  /** Command → first progress line (J(Θ₀)) printed by the CLI. */
  readonly firstProgressMs: number;
  /** Command → worker's first optimizer iteration done. */
  readonly iteration1Ms: number;
  /** Command → process exit, with the JSON printed. */
  readonly wallMs: number;
  /** The run's JSON output, for its accuracy and final cost. */
  readonly output: { finalCost: number; trainAccuracy: number; testAccuracy: number | null; costEvaluations: number };
}

/** The checkout this bench runs from: the folder holding bin/backprop-lab.js. */
export function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'backprop-lab.js')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`bench: no bin/backprop-lab.js above ${__dirname}`);
  }
}

/** Runs `node bin/backprop-lab.js train …args --json` once, traced; returns its phases. */
export async function timeTrainCommand(title: string, args: readonly string[]): Promise<CommandTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-bench-'));
  const traceFile = join(dir, 'trace.jsonl');
  const argv = [
    join(repositoryRoot(), 'bin', 'backprop-lab.js'),
    'train',
    ...args,
    '--db',
    join(dir, 'runs.db'),
    '--json',
  ];
  try {
    const start = epochMs();
    const child = spawn(process.execPath, argv, {
      env: { ...process.env, BACKPROP_LAB_TRACE: traceFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    const end = epochMs();
    if (code !== 0)
      throw new Error(`bench: \`backprop-lab train ${args.join(' ')}\` exited with ${code}: ${stderr.slice(-400)}`);
    const lines = readFileSync(traceFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TraceLine);
    const out = JSON.parse(stdout) as CommandTiming['output'] & { costHistory: number[] };
    return {
      title,
      command: `backprop-lab train ${args.join(' ')}`,
      iterations: out.costHistory.length,
      ...phasesOf(lines, start, end, out.costHistory.length),
      output: {
        finalCost: out.finalCost,
        trainAccuracy: out.trainAccuracy,
        testAccuracy: out.testAccuracy,
        costEvaluations: out.costEvaluations,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Turns the marks of one command into named phases (the table README's performance section shows). */
export function phasesOf(
  lines: readonly TraceLine[],
  start: number,
  end: number,
  iterations: number,
): Pick<CommandTiming, 'phases' | 'firstProgressMs' | 'iteration1Ms' | 'wallMs'> {
  const mark = (phase: string): TraceLine => {
    const line = lines.find((l) => l.phase === phase);
    if (!line) throw new Error(`bench: the trace has no '${phase}' mark (got ${lines.map((l) => l.phase).join(', ')})`);
    return line;
  };
  const at = (phase: string): number => mark(phase).at - start;
  const sum = (phase: string): number => lines.filter((l) => l.phase === phase).reduce((s, l) => s + (l.ms ?? 0), 0);
  const between = (name: string, from: string, to: string): Phase => {
    const a = mark(from);
    const b = mark(to);
    return { name, ms: b.at - a.at, cpuMs: a.pid === b.pid ? b.cpu - a.cpu : null, endMs: b.at - start };
  };
  const optimizer = between('', 'worker.snapshot0', 'worker.optimizer');
  const phases: Phase[] = [
    { name: 'process start (command → Node running)', ms: at('cli.process'), cpuMs: null, endMs: at('cli.process') },
    between('Node boot and CLI modules', 'cli.process', 'cli.main'),
    between('flags read, worker forked, store opened', 'cli.main', 'cli.store-open'),
    between('run recorded, worker claimed', 'cli.store-open', 'supervisor.spawn'),
    between('worker: Node boot and modules (from its fork)', 'worker.process', 'worker.ready'),
    { ...between('', 'worker.fork', 'worker.process'), name: 'worker: fork → its Node running', cpuMs: null },
    between('start message reaches the worker', 'supervisor.spawn', 'worker.start-message'),
    between('data loaded and split', 'worker.start-message', 'worker.data'),
    between('fast layout built (inputs packed, threads)', 'worker.data', 'worker.layout'),
    between('J(Θ₀)', 'worker.layout', 'worker.cost0'),
    between('J(Θ₀) printed by the CLI', 'worker.cost0', 'cli.first-progress'),
    between('snapshot at iteration 0 (PNGs)', 'worker.cost0', 'worker.snapshot0'),
    {
      name: `per iteration (${iterations} in ${(optimizer.ms / 1000).toFixed(2)} s, snapshots included)`,
      ms: optimizer.ms / iterations,
      cpuMs: optimizer.cpuMs === null ? null : optimizer.cpuMs / iterations,
      endMs: optimizer.endMs,
    },
    { name: 'snapshots and PNGs, all of the run', ms: sum('worker.snapshots'), cpuMs: null, endMs: null },
    between('final predictions (train, validation, test)', 'worker.snapshots', 'worker.predictions'),
    between('results reach the supervisor', 'worker.done-sent', 'supervisor.done-received'),
    {
      name: 'store writes (progress, snapshots, final)',
      ms: sum('supervisor.progress-write') + sum('supervisor.snapshot-write') + sum('supervisor.done-stored'),
      cpuMs: null,
      endMs: null,
    },
    between('JSON output', 'cli.settled', 'cli.output'),
    { name: 'exit', ms: end - start - at('cli.output'), cpuMs: null, endMs: end - start },
  ];
  return {
    phases,
    firstProgressMs: at('cli.first-progress'),
    iteration1Ms: at('worker.iteration1'),
    wallMs: end - start,
  };
}

/** The median of each phase over several timings of one command. */
export function medianTiming(runs: readonly CommandTiming[]): CommandTiming {
  const med = (values: number[]) => {
    const s = [...values].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const first = runs[0];
  return {
    ...first,
    phases: first.phases.map((p, i) => ({
      name: p.name,
      ms: med(runs.map((r) => r.phases[i].ms)),
      cpuMs: p.cpuMs === null ? null : med(runs.map((r) => r.phases[i].cpuMs!)),
      endMs: p.endMs === null ? null : med(runs.map((r) => r.phases[i].endMs!)),
    })),
    firstProgressMs: med(runs.map((r) => r.firstProgressMs)),
    iteration1Ms: med(runs.map((r) => r.iteration1Ms)),
    wallMs: med(runs.map((r) => r.wallMs)),
  };
}

/** The phases as a table: what each took (wall and CPU) and when it ended after the command started. */
export function formatPhases(t: CommandTiming, repeats: number): string[] {
  const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : v.toFixed(v < 10 ? 1 : 0)).padStart(8);
  return [
    `${t.title}: ${t.command}${repeats > 1 ? ` (median of ${repeats})` : ''}`,
    `  ${'phase'.padEnd(58)}${'took ms'.padStart(8)}${'CPU ms'.padStart(8)}${'ends at ms'.padStart(12)}`,
    ...t.phases.map((p) => `  ${p.name.padEnd(58)}${ms(p.ms)}${ms(p.cpuMs)}${ms(p.endMs).padStart(12)}`),
    `  command → first progress line ${ms(t.firstProgressMs).trim()} ms; → iteration 1 done ${ms(t.iteration1Ms).trim()} ms; ` +
      `→ JSON and exit ${ms(t.wallMs).trim()} ms`,
    `  final J ${t.output.finalCost.toFixed(6)}, training accuracy ${(t.output.trainAccuracy * 100).toFixed(2)}%` +
      (t.output.testAccuracy === null ? '' : `, test accuracy ${(t.output.testAccuracy * 100).toFixed(2)}%`),
  ];
}
