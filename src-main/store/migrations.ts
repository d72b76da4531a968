/**
 * The schema, built by numbered migrations. Migration i (0-based) takes a database from
 * `PRAGMA user_version` i to i+1 and runs in one transaction together with that version bump, so a
 * crash leaves either the old schema or the new one. Append new migrations; never edit old ones.
 * docs/store.md describes the tables.
 */
import type Database from 'better-sqlite3';

/** `PRAGMA application_id` of our files ("BPLb"), so we never mistake another program's database for ours. */
export const APPLICATION_ID = 0x42504c62;

type Migration = (db: Database.Database) => void;

const STATUS_CHECK = `status IN ('queued', 'running', 'finished', 'failed', 'cancelled', 'interrupted')`;

export const MIGRATIONS: readonly Migration[] = [
  // 1: runs with their hyperparameters, progress, snapshots, weights and tags.
  (db) => {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE runs (
        id                  INTEGER PRIMARY KEY,
        name                TEXT    NOT NULL,
        status              TEXT    NOT NULL CHECK (${STATUS_CHECK}),
        created_at          INTEGER NOT NULL,
        started_at          INTEGER,
        finished_at         INTEGER,
        failure_reason      TEXT,
        notes               TEXT    NOT NULL DEFAULT '',
        hyperparameters     TEXT    NOT NULL,  -- JSON, the source of truth
        dataset             TEXT    NOT NULL,  -- JSON DatasetSpec
        width               INTEGER NOT NULL,
        height              INTEGER NOT NULL,
        -- copies of JSON fields, for sorting and filtering in SQL
        optimizer           TEXT    NOT NULL,
        lambda              REAL    NOT NULL,
        hidden_layers       TEXT    NOT NULL,  -- JSON array
        hidden_size         INTEGER NOT NULL,  -- units of the first hidden layer
        layer_count         INTEGER NOT NULL,
        iterations          INTEGER NOT NULL,
        batch_size          INTEGER NOT NULL,
        learning_rate       REAL    NOT NULL,
        momentum            REAL    NOT NULL,
        init                TEXT    NOT NULL,
        epsilon             REAL,              -- NULL for 'per-layer'
        seed                INTEGER NOT NULL,
        impl                TEXT    NOT NULL,
        train_size          INTEGER NOT NULL,
        validation_size     INTEGER NOT NULL,
        test_size           INTEGER NOT NULL,
        data_seed           INTEGER NOT NULL,
        -- live progress, updated with every appended batch
        last_iteration      INTEGER,
        last_cost           REAL,
        -- set by finishRun
        train_accuracy      REAL,
        validation_accuracy REAL,
        test_accuracy       REAL,
        final_cost          REAL,
        duration_ms         REAL,
        cost_evaluations    INTEGER,
        confusion           TEXT               -- JSON K×K
      );
      CREATE INDEX runs_by_created ON runs (created_at);
      CREATE INDEX runs_by_status ON runs (status);

      CREATE TABLE progress (
        run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        iteration  INTEGER NOT NULL,
        cost       REAL    NOT NULL,
        elapsed_ms REAL    NOT NULL,
        PRIMARY KEY (run_id, iteration)
      ) WITHOUT ROWID;

      CREATE TABLE snapshots (
        run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        idx        INTEGER NOT NULL,
        iteration  INTEGER NOT NULL,
        unit_count INTEGER NOT NULL,
        grid_png   BLOB    NOT NULL,
        PRIMARY KEY (run_id, idx)
      );

      CREATE TABLE snapshot_units (
        run_id INTEGER NOT NULL,
        idx    INTEGER NOT NULL,
        unit   INTEGER NOT NULL,
        png    BLOB    NOT NULL,
        PRIMARY KEY (run_id, idx, unit),
        FOREIGN KEY (run_id, idx) REFERENCES snapshots (run_id, idx) ON DELETE CASCADE
      );

      CREATE TABLE weights (
        run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
        sizes  TEXT NOT NULL,  -- JSON layer sizes
        theta  BLOB NOT NULL   -- Float64Array bytes, little-endian
      );

      CREATE TABLE run_tags (
        run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        tag      TEXT    NOT NULL,
        PRIMARY KEY (run_id, position),
        UNIQUE (run_id, tag COLLATE NOCASE)
      );
      CREATE INDEX run_tags_by_tag ON run_tags (tag COLLATE NOCASE);
    `);
  },
  // 2: which process's supervisor owns a queued or running run, so that a second process opening
  // the same file (the CLI while the app is open) never marks the other's live runs interrupted.
  (db) => {
    db.exec(`ALTER TABLE runs ADD COLUMN owner_pid INTEGER`);
  },
  // 3: sweeps (groups of runs that vary one value), the user's handwritten digits, and each finished
  // run's misclassified test digits. Deleting a sweep keeps its runs: they are ordinary runs that
  // merely lose their group (sweep_id becomes NULL).
  (db) => {
    db.exec(`
      CREATE TABLE sweeps (
        id         INTEGER PRIMARY KEY,
        kind       TEXT    NOT NULL CHECK (kind IN ('validation-curve', 'learning-curve', 'seeds', 'symmetry', 'implementations', 'overfit')),
        name       TEXT    NOT NULL,
        created_at INTEGER NOT NULL,
        base       TEXT    NOT NULL   -- JSON {hyperparameters, dataset, values}
      );
      ALTER TABLE runs ADD COLUMN sweep_id INTEGER REFERENCES sweeps (id) ON DELETE SET NULL;
      ALTER TABLE runs ADD COLUMN sweep_x REAL;
      CREATE INDEX runs_by_sweep ON runs (sweep_id) WHERE sweep_id IS NOT NULL;

      CREATE TABLE handwriting (
        id         INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        label      INTEGER NOT NULL CHECK (label BETWEEN 0 AND 9),
        width      INTEGER NOT NULL,
        height     INTEGER NOT NULL,
        pixels     BLOB    NOT NULL   -- width·height bytes k meaning k/255, row-major, as MNIST
      );

      CREATE TABLE misclassified (
        run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position  INTEGER NOT NULL,  -- index of the digit in the run's test set
        label     INTEGER NOT NULL,
        predicted INTEGER NOT NULL,
        png       BLOB    NOT NULL,
        PRIMARY KEY (run_id, position)
      ) WITHOUT ROWID;
    `);
  },
  // 4: Θ₀, the weights a run started from, beside its final Θ, so the untrained network can be shown
  // and explained too. NULL for runs finished before this migration.
  (db) => {
    db.exec(`ALTER TABLE weights ADD COLUMN theta0 BLOB`);
  },
  // 5: the owner's token (boot id and start time of its process, where the OS tells them), so a
  // process that later got the same pid is not mistaken for the owner of its predecessor's runs.
  (db) => {
    db.exec(`ALTER TABLE runs ADD COLUMN owner_token TEXT`);
  },
  // 6: validation cost J_cv (no λ term) and accuracy at every snapshot, so that training and validation
  // cost can be drawn together; NULL for runs recorded before, and for runs without a validation set.
  (db) => {
    db.exec(`
      ALTER TABLE snapshots ADD COLUMN validation_cost REAL;
      ALTER TABLE snapshots ADD COLUMN validation_accuracy REAL;
    `);
  },
  // 7: what a run's data means (class names in output order, feature names, standardization), as
  // JSON RunDataInfo set when its worker has loaded the data; NULL for runs before this (digits).
  (db) => {
    db.exec(`ALTER TABLE runs ADD COLUMN data_info TEXT`);
  },
  // 8: Θ at every snapshot as little-endian float32 (4 bytes per parameter), so the cost surface can
  // draw the training path on its principal plane; NULL for runs recorded before.
  (db) => {
    db.exec(`ALTER TABLE snapshots ADD COLUMN theta BLOB`);
  },
  // 9: training health at every snapshot (per layer: gradient norms, ‖ΔΘ‖/‖Θ‖, saturated fraction,
  // percentile bands of weights, activations and δ) as JSON LayerHealth[]; NULL for runs recorded before.
  (db) => {
    db.exec(`ALTER TABLE snapshots ADD COLUMN health TEXT`);
  },
];

/** The schema version this code writes: the number of migrations. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Runs every migration the database has not seen yet, each in its own IMMEDIATE transaction that
 * re-reads `user_version` under the write lock: two processes opening a fresh file at once then
 * migrate one after the other instead of both creating the same tables. Returns the versions applied.
 */
export function migrate(db: Database.Database): number[] {
  const applied: number[] = [];
  const step = db.transaction((): number | null => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version >= MIGRATIONS.length) return null;
    MIGRATIONS[version](db);
    db.pragma(`user_version = ${version + 1}`);
    return version + 1;
  });
  // Reading the version first, outside any lock, keeps an up-to-date file from taking the write lock.
  while ((db.pragma('user_version', { simple: true }) as number) < MIGRATIONS.length) {
    const done = step.immediate();
    if (done !== null) applied.push(done);
  }
  return applied;
}
