/**
 * The compute package: every number the site shows comes from here. Pure TypeScript, float64, no DOM; also
 * published as `<package>/compute` (see the README). Conventions, the same in every module:
 * - Invalid arguments throw RangeError with a message fit to show a reader, written once per rule (checks.ts).
 * - Data first, then required settings, then one optional options object; a single optional scalar whose meaning
 *   is obvious from the math (a logarithm's base, a temperature, a finite-difference step) may stay positional.
 * - Vectors (distributions, logits, parameters) are arrays of numbers; anything that flows through a network
 *   (images, feature maps, weights, gradients) is a Tensor; small matrices read entry by entry (a Jacobian) are
 *   number[][].
 */
export { logSumExp, softmax, logSoftmax, softmaxJacobian, softmaxCrossEntropy, naiveSoftmax } from './softmax.ts';
export { assertDistribution, assertFiniteVector, DISTRIBUTION_TOLERANCE } from './checks.ts';
export { tensor, zeros, sizeOf, assertTensor, type Tensor } from './tensor.ts';
export { centralDifferenceJacobian, centralDifferenceGradient } from './numeric.ts';
export { normalize, gradientStep, oneHot } from './vectors.ts';
export { entropy, crossEntropy, klDivergence, surprisal } from './information.ts';
export { huffmanCode, huffmanTree, encodeMessage, decodeMessage, type HuffmanTree } from './huffman.ts';
export { seededRandom, gaussianSample, sampleCategorical } from './random.ts';
export { convOutputSize, poolOutputSize, effectiveKernel, pairOf, type Pair } from './shapes.ts';
export { analyze, receptiveFieldRegion, receptiveFieldCentre, INPUT, type Layer, type LayerResult } from './receptive-field.ts';
export { presets, type Preset } from './rf-presets.ts';
export { NetworkBuilder } from './network-builder.ts';
export { topDownSteps, bottomUpSteps, type RecursionStep } from './rf-recursions.ts';
export { conv2d, im2col, matmul, parameterCounts, type ConvOptions } from './convolution.ts';
export { windowTerms, kernelMatrix, flipKernel, type WindowTerm } from './conv-window.ts';
export { conv2dBackward, gradientTerms, type GradientTerm } from './conv-backward.ts';
export { neuronGraph, backwardSteps, type Graph, type GraphNode, type BackwardStep } from './graph.ts';
export { maxPool2d, maxPool2dBackward, avgPool2d, avgPool2dBackward, type PoolOptions } from './pooling.ts';
export { linear, linearBackward } from './linear.ts';
export { createNetwork, type Network, type NetworkLayer } from './network.ts';
export { useSimd } from './conv-simd.ts';
export { effectiveReceptiveField, positionEffectiveReceptiveField, mapStatistics, truncateNetwork, convStack, type EffectiveReceptiveField, type Unit, type ConvStackOptions, type StackWeights } from './effective-rf.ts';
export { decodeDigits, splitDigits, digitInput, prepareDrawnDigit, DIGITS_MAGIC, DIGIT_SPLIT, type DigitSet } from './digits.ts';
export { createCnnTrainer, evaluateDigits, argmax, type CnnTrainingOptions, type Evaluation } from './cnn-trainer.ts';
export { cnnPresets, type CnnPreset, type CnnPresetName } from './cnn-presets.ts';
export { parseLayerText, layerText } from './layer-text.ts';
export { imageKernels, grayscale, relu, toGrayLevels, type ImageKernel, type ImageKernelName } from './image-kernels.ts';
export { createOptimizer, type OptimizerConfig, type Optimizer } from './optimizers.ts';
export { directionRate, quadraticRates, optimalSettings, stepsToShrink, simulateQuadratic } from './momentum.ts';
export { surfaces, type Surface } from './surfaces.ts';
export { curves, descend1d, quadraticRegime, runOptimizer, sampleSurface, contourLevels, DIVERGED, type Curve } from './descent.ts';
export { DATASET_KINDS, makeDataset, polynomialFeatures, predict, evaluate, createTrainer, gridPredictor, type Dataset, type DatasetKind, type Model } from './classifier.ts';
