/**
 * The files that take a trained network out of the lab, written into every export of a finished run:
 *   model.onnx          the network as an ONNX graph (see onnx.ts)
 *   preprocessing.json  class names, feature names and standardization, for predict.py and for people
 *   predict.py          ~20 lines of numpy that load weights.json + preprocessing.json and predict a CSV
 */
import { version } from '../../package.json';
import { buildOnnxModel } from './onnx';
import { PREDICT_PY } from './predict-py';
import type { ExportedNetwork } from './network';

export const MODEL_FILE = 'model.onnx';
export const PREPROCESSING_FILE = 'preprocessing.json';
export const PREDICT_SCRIPT_FILE = 'predict.py';

/** File name → contents of the network files for `network`. */
export function networkFiles(network: ExportedNetwork): Record<string, Uint8Array | string> {
  const preprocessing = {
    classNames: network.classNames,
    featureNames: network.featureNames,
    standardization: network.standardization,
    ...(network.activation ? { activation: network.activation } : {}),
  };
  return {
    [MODEL_FILE]: buildOnnxModel(network, version),
    [PREPROCESSING_FILE]: `${JSON.stringify(preprocessing, null, 2)}\n`,
    [PREDICT_SCRIPT_FILE]: PREDICT_PY,
  };
}
