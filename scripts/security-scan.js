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

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

function scan() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  try {
    const input = path.join(work, 'app');
    for (const target of TARGETS) fs.cpSync(path.join(root, target), path.join(input, target), { recursive: true });
    const out = path.join(work, 'findings.csv');
    const r = spawnSync(
      process.execPath,
      [cli, '-i', input, '-r', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-v', 'false', '-o', out],
      { cwd: root, encoding: 'utf8', timeout: 300_000 },
    );
    if (!fs.existsSync(out)) {
      throw new Error(`electronegativity did not run: ${(r.stderr || r.stdout || `exit code ${r.status}`).trim().split('\n').pop()}`);
    }
    return parseFindings(fs.readFileSync(out, 'utf8'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function parseFindings(csv) {
  const [header, ...rows] = parseCsv(csv).filter((r) => r.length > 1);
  const names = (header || []).map((h) => h.trim());
  const col = (name) => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`electronegativity's CSV has no "${name}" column (header: ${names.join(', ')})`);
    return i;
  };
  return rows.map((r) => ({
    check: r[col('issue')],
    severity: r[col('severity')],
    confidence: r[col('confidence')],
    where: `${r[col('filename')]}:${r[col('location')]}`,
    description: r[col('description')],
  }));
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
  process.stdout.write(`${f.severity.padEnd(7)} ${f.confidence.padEnd(10)} ${f.check} ${f.where}: ${f.description}\n`);
}
const failing = findings.filter((f) => FAILING.has(f.severity));
process.stdout.write(
  `security scan (electronegativity, Electron ${electronVersion}): ${findings.length} finding(s), ${failing.length} HIGH or MEDIUM\n`,
);
process.exit(failing.length > 0 ? 1 : 0);
