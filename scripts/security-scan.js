#!/usr/bin/env node
// `npm run security`: Doyensec's electronegativity over the Electron code (src-main) and the renderer's
// page (src-renderer/index.html), assuming the installed Electron version. Prints every finding and
// fails on any HIGH or MEDIUM one. Findings reviewed and accepted carry an `eng-disable <CHECK>`
// comment on the flagged line, with the reason next to it.
//
// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK (AvailableSecurityFixesGlobalCheck) is left out: it downloads Electron's release list, so its
// answer depends on the network and on the day, not on this code (upgrade Electron on its own schedule).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const electronVersion = require(path.join(root, 'node_modules', 'electron', 'package.json')).version;
const cli = require.resolve('@doyensec/electronegativity/dist/index.js', { paths: [root] });
// Scanned together, so the global checks (navigation limits, permission handler) see main and page at once.
const TARGETS = ['src-main', 'src-renderer/index.html'];
const FAILING = new Set(['HIGH', 'MEDIUM']);

/**
 * electronegativity's CSV comes out garbled now and then (rows in another order each run, and once a
 * row's quoted CSP sample cut into the next row), which a strict CSV parser chokes on. Its first five
 * columns never hold commas, quotes or newlines, so each finding is read from the start of its line
 * (issue, severity, confidence, filename, line:column); a HIGH or MEDIUM token anywhere else still fails.
 */
const FINDING =
  /^"?([A-Z0-9_]+)"?,"?(INFORMATIONAL|LOW|MEDIUM|HIGH)"?,"?(CERTAIN|FIRM|TENTATIVE)"?,"?([^,"\n]*)"?,"?(\d+:\d+)"?,/gm;

function scan() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  try {
    const input = path.join(work, 'app');
    for (const target of TARGETS) fs.cpSync(path.join(root, target), path.join(input, target), { recursive: true });
    const out = path.join(work, 'findings.csv');
    const r = spawnSync(
      process.execPath,
      [
        cli,
        '-i',
        input,
        '-r',
        '-e',
        electronVersion,
        '-x',
        'AvailableSecurityFixesGlobalCheck',
        '-v',
        'false',
        '-o',
        out,
      ],
      { cwd: root, encoding: 'utf8', timeout: 300_000 },
    );
    if (!fs.existsSync(out)) {
      throw new Error(
        `electronegativity did not run: ${(r.stderr || r.stdout || `exit code ${r.status}`).trim().split('\n').pop()}`,
      );
    }
    return parseFindings(fs.readFileSync(out, 'utf8'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function parseFindings(csv) {
  const findings = [...csv.matchAll(FINDING)].map((m) => ({
    check: m[1],
    severity: m[2],
    confidence: m[3],
    where: `${m[4]}:${m[5]}`,
  }));
  // A finding whose own line got garbled would not match above; never let it pass silently.
  const stray = (csv.match(/,"?(MEDIUM|HIGH)"?,/g) || []).length;
  const counted = findings.filter((f) => FAILING.has(f.severity)).length;
  if (stray > counted)
    throw new Error(`electronegativity reported ${stray} HIGH or MEDIUM finding(s) that could not be read:\n${csv}`);
  return findings;
}

let findings;
try {
  findings = scan();
  for (const f of findings) if (!f.severity || !f.check) throw new Error(`unreadable finding ${JSON.stringify(f)}`);
} catch (e) {
  process.stderr.write(`security scan: ${e.message}\n`);
  process.exit(2);
}
for (const f of findings) {
  process.stdout.write(
    `${f.severity.padEnd(7)} ${f.confidence.padEnd(10)} ${f.check} ${f.where} (https://github.com/doyensec/electronegativity/wiki/${f.check})\n`,
  );
}
const failing = findings.filter((f) => FAILING.has(f.severity));
process.stdout.write(
  `security scan (electronegativity, Electron ${electronVersion}): ${findings.length} finding(s), ${failing.length} HIGH or MEDIUM\n`,
);
process.exit(failing.length > 0 ? 1 : 0);
