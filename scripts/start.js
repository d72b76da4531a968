// `npm start`: until the Electron shell lands, explain how to use the lab from the command line.
'use strict';
process.stdout.write(
  'Backprop Lab: the desktop app is not built yet. Train from the command line:\n' +
    '  npx backprop-lab train --hidden 25 --lambda 1 --optimizer cg --iterations 50\n' +
    '  npx backprop-lab gradcheck --lambda 3\n' +
    '  npx backprop-lab --help\n',
);
