// The Node.js a user needs, read from package.json `engines` (the one place it is stated): Electron 41+ and its
// downloader @electron/get declare node >= 22.12.0, and Node 20 reached its end of life in April 2026.
// `npm start` asks this first, so an older Node gets one line saying what to install instead of a stack trace
// or an Electron download path its authors don't support.
'use strict';
const path = require('node:path');

/** [major, minor, patch] of a version like "22.12.0" or "v20.20.2"; throws naming the text it can't read. */
function parseVersion(text) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(String(text).trim());
  if (!m) throw new Error(`not a Node.js version: "${text}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The lowest version an `engines.node` range of the form ">=X.Y.Z" allows (the only form this project uses). */
function minimumOf(range) {
  const m = /^>=\s*(\d+\.\d+\.\d+)$/.exec(String(range).trim());
  if (!m) throw new Error(`package.json engines.node is "${range}"; scripts/node-needed.js reads only ">=X.Y.Z"`);
  return m[1];
}

/** The one-line refusal when `version` is older than `range` allows, else null. */
function refusal(version, range) {
  const minimum = minimumOf(range);
  const [a, b] = [parseVersion(version), parseVersion(minimum)];
  const older = a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
  if (!older) return null;
  return (
    `backprop-lab: needs Node.js ${minimum} or newer (this is Node.js ${a.join('.')}): ` +
    `install Node.js 22 LTS (nodejs.org, or \`nvm install 22\`), then \`npm install\` again so that ` +
    `better-sqlite3 is built for it`
  );
}

/** This project's `engines.node`. */
function enginesNode() {
  return require(path.join(__dirname, '..', 'package.json')).engines.node;
}

module.exports = { parseVersion, minimumOf, refusal, enginesNode };
