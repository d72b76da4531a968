/** The experiment store: every run a user starts, kept in one SQLite file until they delete it. */
export * from './types';
export { openStore, type OpenOptions } from './open';
export { resolveDatabasePath, userDataFolder, DATABASE_FILE_NAME } from './paths';
export { SCHEMA_VERSION, APPLICATION_ID } from './migrations';
