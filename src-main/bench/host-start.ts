/**
 * The lab's Start → first point on the Live chart, measured as a browser sees it: the built web host
 * runs as its own process (as `npm run serve` starts it) with a fresh database; each run is started
 * with `training.start` over HTTP, and the clock stops when its first `run.progress` (J(Θ₀)) arrives
 * on the events WebSocket.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ApiEvent } from '../api/table';
import { EVENTS_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../api/transport/web';
import { epochMs } from '../trace/phase-trace';
import { repositoryRoot } from './startup';

export interface HostStartTiming {
  /** Start → first progress event of each run, in order (the first run right after the host started). */
  readonly startToFirstPointMs: readonly number[];
  /** Start → the run's 'done' event of each run (default run, cg 50 iterations). */
  readonly startToDoneMs: readonly number[];
}

/** Starts the host, then `runs` default runs one after the other; the host is stopped afterwards. */
export async function timeHostStart(runs: number): Promise<HostStartTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-bench-host-'));
  const host = spawn(
    process.execPath,
    [join(repositoryRoot(), 'out', 'main', 'host.js'), '--port', '0', '--db', join(dir, 'runs.db')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const url = await new Promise<URL>((done, fail) => {
      let out = '';
      host.stdout.on('data', (d) => {
        out += d;
        const m = /Backprop Lab is at (\S+)/.exec(out);
        if (m) done(new URL(m[1]));
      });
      host.on('exit', (code) => fail(new Error(`bench: the web host exited with ${code} before printing its URL`)));
    });
    const token = url.searchParams.get('token')!;
    const received: { event: ApiEvent; at: number }[] = [];
    const ws = new WebSocket(`ws://${url.host}/events`, [EVENTS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]);
    ws.on('message', (data) => {
      const at = epochMs();
      for (const event of JSON.parse(String(data)) as ApiEvent[]) received.push({ event, at });
    });
    await new Promise((done, fail) => {
      ws.once('open', done);
      ws.once('error', fail);
    });
    // Give the host the moment a user takes to fill in the form: its spare worker finishes booting.
    await new Promise((r) => setTimeout(r, 1500));
    const first: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = epochMs();
      const res = await fetch(new URL('/api/training.start', url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify([{ name: `bench ${i + 1}`, hyperparameters: {}, dataset: { source: 'mnist' } }]),
      });
      const answer = (await res.json()) as { ok: boolean; value?: { ids: number[] }; error?: { message: string } };
      if (!answer.ok) throw new Error(`bench: training.start failed: ${answer.error?.message}`);
      const id = answer.value!.ids[0];
      const seen = (name: string) =>
        received.find((r) => r.event.name === name && (r.event.payload as { runId?: number }).runId === id);
      for (const deadline = Date.now() + 120_000; !seen('run.done'); await new Promise((r) => setTimeout(r, 5))) {
        if (Date.now() > deadline) throw new Error(`bench: run ${id} did not finish within 2 minutes`);
      }
      first.push(seen('run.progress')!.at - start);
      whole.push(seen('run.done')!.at - start);
      await new Promise((r) => setTimeout(r, 1500));
    }
    ws.close();
    return { startToFirstPointMs: first, startToDoneMs: whole };
  } finally {
    const exited = new Promise((r) => host.once('exit', r));
    host.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
