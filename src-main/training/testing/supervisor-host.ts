/**
 * Test support: a supervisor in a process of its own, so that a test can kill -9 it mid-run the way
 * a crashing app dies. Usage: node supervisor-host.cjs <database> <worker.js> '<JSON list of start requests>'.
 * Prints every event (and each spawned worker's pid) as one JSON line on stdout; runs one at a time.
 */
import { openStore } from '../../store/open';
import { spawnNodeWorker } from '../node-worker';
import { Supervisor, type StartRequest } from '../supervisor';

const [database, workerPath, requests] = process.argv.slice(2);
const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

const store = openStore(database);
const supervisor = new Supervisor({
  store,
  workerPath,
  concurrency: 1,
  spawn: (path) => {
    const handle = spawnNodeWorker(path);
    print({ type: 'spawned', pid: handle.pid });
    return handle;
  },
});
supervisor.subscribe(print);
for (const request of JSON.parse(requests) as StartRequest[])
  print({ type: 'created', runId: supervisor.start(request) });
