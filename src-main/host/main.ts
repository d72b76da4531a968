/**
 * Entry of `npm run serve -- [--port N] [--db PATH] [--concurrency N]` (built to out/main/host.js):
 * serves the lab to a browser on this machine and prints the URL to open, token included.
 */
import path from 'node:path';
import { version } from '../../package.json';
import { resolveDatabasePath } from '../store/paths';
import { parseServeFlags } from './flags';
import { startHost } from './server';

async function main(): Promise<void> {
  const flags = parseServeFlags(process.argv.slice(2));
  const host = await startHost({
    port: flags.port,
    dbPath: resolveDatabasePath(flags.db),
    rendererDir: path.join(__dirname, '..', 'renderer'),
    workerPath: path.join(__dirname, 'worker.js'),
    concurrency: flags.concurrency,
    version,
  });
  process.stdout.write(`Backprop Lab is at ${host.url}\n(database ${host.store.path}; Ctrl+C stops it)\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`backprop-lab serve: ${e.message}\n`);
    process.exit(1);
  });
}
