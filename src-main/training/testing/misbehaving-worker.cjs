// Test support: a real training process that breaks the protocol in one way, chosen by
// BACKPROP_MISBEHAVE, so the supervisor's defences are tested against an actual process:
//   ignore-cancel  reports progress forever and never answers a cancel (needs the hard kill);
//   bad-message    sends a progress point whose cost is not a number;
//   exit-3         exits with code 3 as soon as it gets its start message.
'use strict';
const mode = process.env.BACKPROP_MISBEHAVE;
process.on('message', (m) => {
  if (m.type !== 'start') return;
  if (mode === 'exit-3') process.exit(3);
  if (mode === 'bad-message') {
    process.send({ type: 'progress', points: [{ iteration: 1, cost: 'low', elapsedMs: 1 }] });
    return;
  }
  let iteration = 0;
  setInterval(() => {
    iteration++;
    process.send({ type: 'progress', points: [{ iteration, cost: 1 / iteration, elapsedMs: iteration * 20 }] });
  }, 20);
});
