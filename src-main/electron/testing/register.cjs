/** --require this to make `require('electron')` load the recording stand-in (electron-stand-in.cjs). */
'use strict';
const Module = require('node:module');
const path = require('node:path');

const standIn = path.join(__dirname, 'electron-stand-in.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? standIn : resolve.call(this, request, ...rest);
};
