/**
 * The compute package: every number the site shows comes from here. Pure TypeScript, float64, no DOM.
 * Invalid arguments throw RangeError with a message fit to show a reader.
 */
export { logSumExp, softmax, logSoftmax, softmaxJacobian, softmaxCrossEntropy, naiveSoftmax } from './softmax';
export { assertDistribution, assertFiniteVector, DISTRIBUTION_TOLERANCE } from './checks';
export { centralDifferenceJacobian, centralDifferenceGradient } from './numeric';
export { normalize, gradientStep, oneHot } from './vectors';
export { entropy, crossEntropy, klDivergence, surprisal } from './information';
export { huffmanCode, huffmanTree, encodeMessage, decodeMessage, type HuffmanTree } from './huffman';
export { seededRandom, sampleCategorical } from './random';
export { convOutputSize, poolOutputSize, effectiveKernel, pairOf, type Pair } from './shapes';
export { analyze, receptiveFieldRegion, receptiveFieldCentre, INPUT, type Layer, type LayerResult } from './receptive-field';
export { presets, type Preset } from './rf-presets';
export { NetworkBuilder } from './network-builder';
export { topDownSteps, bottomUpSteps, type RecursionStep } from './rf-recursions';
export { conv2d, im2col, matmul, parameterCounts, type Tensor, type ConvOptions } from './convolution';
export { windowTerms, kernelMatrix, flipKernel, type WindowTerm } from './conv-window';
export { imageKernels, grayscale, relu, toGrayLevels, type ImageKernel, type ImageKernelName } from './image-kernels';
export { createOptimizer, type OptimizerConfig, type Optimizer } from './optimizers';
export { surfaces, type Surface } from './surfaces';
export { curves, descend1d, quadraticRegime, runOptimizer, sampleSurface, contourLevels, DIVERGED, type Curve } from './descent';
export { DATASET_KINDS, makeDataset, polynomialFeatures, predict, evaluate, createTrainer, gridPredictor, type Dataset, type DatasetKind, type Model } from './classifier';
