/** The command line of `npm run serve`. */

export interface ServeFlags {
  port: number;
  db?: string;
  concurrency?: number;
}

const USAGE = 'usage: npm run serve -- [--port N] [--db PATH] [--concurrency N]';

/** Reads the command line; throws an Error naming the bad flag. */
export function parseServeFlags(argv: readonly string[]): ServeFlags {
  const flags: ServeFlags = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${name} needs a value\n${USAGE}`);
      return v;
    };
    const int = (min: number, max: number) => {
      const raw = value();
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < min || n > max)
        throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return n;
    };
    switch (name) {
      case '--port':
        flags.port = int(0, 65535);
        break;
      case '--db':
        flags.db = value();
        break;
      case '--concurrency':
        flags.concurrency = int(1, 256);
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown flag ${name}\n${USAGE}`);
    }
  }
  return flags;
}
