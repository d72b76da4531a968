/**
 * Gives a Node child the `process.parentPort` an Electron utility process has: messages arrive as
 * `{ data }` events and leave through postMessage. Loaded with --require before the worker, so the
 * worker takes the branch it takes in the desktop app (see training/worker.ts).
 */
'use strict';
const { EventEmitter } = require('node:events');

const send = process.send.bind(process);
const port = new EventEmitter();
port.postMessage = (message) => send(message);
process.on('message', (data) => port.emit('message', { data }));
// The real parentPort keeps the process alive while it is open; the IPC channel does that here.
process.parentPort = port;
// A utility process has no process.send: a worker that fell back to it would fail here, not pass.
process.send = undefined;
