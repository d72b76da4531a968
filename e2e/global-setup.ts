/**
 * One host for the story specs: a fresh temp database, a free port. Its URL reaches the tests in
 * BPL_URL (workers start after global setup and inherit the environment); the returned function
 * stops the host and removes the database when the run ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost } from './host';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-e2e-'));
  const host = await startHost(path.join(dir, 'lab.db'));
  process.env.BPL_URL = host.url;
  process.env.BPL_E2E_DIR = dir;
  return async () => {
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
