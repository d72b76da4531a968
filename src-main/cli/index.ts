/** Entry of `npx backprop-lab`: headless training and inspection. Filled in by the CLI work. */
process.stdout.write('backprop-lab: commands train, gradcheck, bench, runs (coming)\n');
