/**
 * The trained network as an ONNX graph, so it runs wherever ONNX Runtime does: input `features`
 * [N, n] float32 → (x − mean) / sd when the run standardized its data → per layer Gemm(a, Θ without
 * its bias column, transB) + bias, then Sigmoid → output `scores` [N, K], the output units' activations
 * h(x) (not probabilities: they need not sum to 1). Class and feature names travel in the model's
 * metadata (`class_names`, `feature_names`, JSON arrays) so the file explains itself.
 */
import { onnx } from 'onnx-proto';
import type { ExportedNetwork } from './network';

export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'scores';
/** Gemm and Sigmoid as of opset 13, which every current runtime supports. */
const OPSET = 13;
/** ONNX IR version 7 goes with opset 13. */
const IR_VERSION = 7;

function floatTensor(name: string, dims: number[], values: ArrayLike<number>): onnx.ITensorProto {
  const data = Float32Array.from(values as ArrayLike<number>);
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    // raw_data is little-endian by the ONNX spec; typed arrays are little-endian on every platform we build for.
    rawData: new Uint8Array(data.buffer),
  };
}

function valueInfo(name: string, width: number): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] },
      },
    },
  };
}

/** The ONNX operator of each activation. */
const ONNX_ACTIVATION = { sigmoid: 'Sigmoid', tanh: 'Tanh', relu: 'Relu' } as const;

/** The ONNX model (serialized protobuf bytes) computing the network's output scores for rows of features. */
export function buildOnnxModel(network: ExportedNetwork, producerVersion: string): Uint8Array {
  const { sizes, thetas, standardization } = network;
  const nodes: onnx.INodeProto[] = [];
  const initializers: onnx.ITensorProto[] = [];
  let current = ONNX_INPUT;
  if (standardization) {
    initializers.push(floatTensor('mean', [sizes[0]], standardization.mean));
    initializers.push(floatTensor('sd', [sizes[0]], standardization.sd));
    nodes.push({ opType: 'Sub', input: [current, 'mean'], output: ['centred'], name: 'subtract_mean' });
    nodes.push({ opType: 'Div', input: ['centred', 'sd'], output: ['standardized'], name: 'divide_by_sd' });
    current = 'standardized';
  }
  thetas.forEach((theta, l) => {
    const layer = l + 2; // Ng's numbering: Θ(1) maps layer 1 (the input) to layer 2
    const rows = sizes[l + 1];
    const cols = sizes[l];
    const weights = new Float64Array(rows * cols);
    const bias = new Float64Array(rows);
    theta.forEach((row, r) => {
      bias[r] = row[0];
      for (let c = 0; c < cols; c++) weights[r * cols + c] = row[c + 1];
    });
    initializers.push(floatTensor(`theta${l + 1}_weights`, [rows, cols], weights));
    initializers.push(floatTensor(`theta${l + 1}_bias`, [rows], bias));
    const z = `z${layer}`;
    const a = l === thetas.length - 1 ? ONNX_OUTPUT : `a${layer}`;
    nodes.push({
      opType: 'Gemm',
      name: `layer${layer}_gemm`,
      input: [current, `theta${l + 1}_weights`, `theta${l + 1}_bias`],
      output: [z],
      attribute: [{ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
    });
    // Hidden layers take the run's activation; the outputs are always sigmoid.
    const g = l === thetas.length - 1 ? 'sigmoid' : (network.activation ?? 'sigmoid');
    const op = ONNX_ACTIVATION[g];
    nodes.push({ opType: op, name: `layer${layer}_${g}`, input: [z], output: [a] });
    current = a;
  });
  const model: onnx.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'backprop-lab',
    producerVersion,
    docString: network.activation
      ? `A ${sizes.join('-')} network with ${network.activation} hidden units and sigmoid outputs, trained by backpropagation in Backprop Lab.`
      : `A ${sizes.join('-')} sigmoid network trained by backpropagation in Backprop Lab.`,
    graph: {
      name: 'backprop_lab_network',
      node: nodes,
      initializer: initializers,
      input: [valueInfo(ONNX_INPUT, sizes[0])],
      output: [valueInfo(ONNX_OUTPUT, sizes[sizes.length - 1])],
    },
    metadataProps: [
      { key: 'class_names', value: JSON.stringify(network.classNames) },
      { key: 'feature_names', value: JSON.stringify(network.featureNames) },
      { key: 'standardized', value: String(standardization !== null) },
    ],
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
