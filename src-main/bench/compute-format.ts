/** Turns a BenchReport into the text `backprop-lab bench` prints. */
import { IMPLEMENTATIONS } from '../nn/cost';
import type { BenchReport, TrainingResult } from './compute-report';

const pad = (text: string, width: number) => text.padEnd(width);
const num = (value: number, digits: number, width: number) => value.toFixed(digits).padStart(width);

function training(title: string, t: TrainingResult | null): string[] {
  if (!t) return [`${title}: skipped`];
  return [
    `${title}: ${(t.trainingMs / 1000).toFixed(2)} s training (${t.iterations} iterations, ${t.evaluations} evaluations, ` +
      `${(t.trainingMs / t.evaluations).toFixed(1)} ms each), final J = ${t.finalCost.toFixed(6)}` +
      (t.setupMs > 0 ? `; setup ${(t.setupMs / 1000).toFixed(2)} s` : ''),
    `  data: ${t.note}`,
  ];
}

/** A plain-text table of the report, one section per measurement. */
export function formatBench(report: BenchReport): string {
  const { implementations: impl } = report;
  const lines = [
    `Cost + gradient of ${report.network} on ${report.examples.toLocaleString('en-US')} MNIST examples, λ = ${report.lambda}`,
    `FLOP count: 4·m·W = ${(report.flopsPerEvaluation / 1e6).toFixed(1)} MFLOP per evaluation (dense forward + backward, W = weights incl. bias)`,
    '',
    `${pad('implementation', 20)}${pad('threads', 9)}${pad('evals', 7)}${'median ms'.padStart(11)}${'min ms'.padStart(10)}${'CPU ms'.padStart(10)}${'GFLOP/s'.padStart(10)}`,
    ...IMPLEMENTATIONS.map((name) => {
      const r = impl[name];
      return `${pad(name, 20)}${pad(String(r.threads), 9)}${pad(String(r.evaluations), 7)}${num(r.medianMs, 2, 11)}${num(r.minMs, 2, 10)}${num(r.cpuMedianMs, 2, 10)}${num(r.gflops, 2, 10)}`;
    }),
    '',
    `fast vs loop: |ΔJ|/J = ${report.agreement.loop.cost.toExponential(1)}, max|Δ∇J|/max|∇J| = ${report.agreement.loop.gradient.toExponential(1)}; ` +
      `vs vectorized: ${report.agreement.vectorized.cost.toExponential(1)}, ${report.agreement.vectorized.gradient.toExponential(1)}`,
    '',
    'inside fast (each idea on its own):',
    ...report.fastVariants.map(
      (v) => `  ${pad(v.name, 62)}median ${num(v.medianMs, 2, 7)} ms   min ${num(v.minMs, 2, 7)} ms`,
    ),
    '',
    ...training('L-BFGS, 5,000 examples', report.lbfgs),
    ...training('L-BFGS, 60,000 examples', report.large),
    '',
    `memory: default run (cg 50 iterations, fast, 5,000 examples) peak RSS ${report.defaultRunPeakRssMb.toFixed(0)} MB; whole bench ${report.peakRssMb.toFixed(0)} MB`,
    `machine: ${report.machine.cpus} cores used by fast, Node ${report.machine.node}`,
  ];
  return `${lines.join('\n')}\n`;
}
