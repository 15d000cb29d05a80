/**
 * Everything a chapter's MDX can use without importing it: the chapter page passes this map to `<Content>`.
 * Add a widget here once and every chapter can place it.
 */
import Source from './Source.astro';
import SoftmaxExplorer from './softmax/SoftmaxExplorer.astro';
import SoftmaxJacobian from './softmax/SoftmaxJacobian.astro';
import SoftmaxGradient from './softmax/SoftmaxGradient.astro';
import EntropyMeter from './information/EntropyMeter.astro';
import BinaryEntropy from './information/BinaryEntropy.astro';
import CodeBuilder from './information/CodeBuilder.astro';
import PVersusQ from './information/PVersusQ.astro';
import SameGradient from './information/SameGradient.astro';
import NetworkTable from './receptive-field/NetworkTable.astro';
import RfPresetTable from './receptive-field/RfPresetTable.astro';
import TwoRecursions from './receptive-field/TwoRecursions.astro';
import RfOnImage from './receptive-field/RfOnImage.astro';
import RfExplorer from './receptive-field/RfExplorer.astro';
import ErfDepth from './receptive-field/ErfDepth.astro';
import SlidingWindow from './convolution/SlidingWindow.astro';
import ParameterCounter from './convolution/ParameterCounter.astro';
import ComputationModel from './convolution/ComputationModel.astro';
import ImagePlayground from './convolution/ImagePlayground.astro';
import LearningRate1d from './gradient-descent/LearningRate1d.astro';
import OptimizerRace from './gradient-descent/OptimizerRace.astro';
import TrainClassifier from './gradient-descent/TrainClassifier.astro';
import MomentumRates from './gradient-descent/MomentumRates.astro';
import GraphByHand from './backprop/GraphByHand.astro';
import ConvGradients from './backprop/ConvGradients.astro';
import CnnLab from './backprop/CnnLab.astro';
import Exercise from './cells/Exercise.astro';
import Cell from './cells/CodeCell.astro';

export const widgets = {
  Source,
  SoftmaxExplorer,
  SoftmaxJacobian,
  SoftmaxGradient,
  EntropyMeter,
  BinaryEntropy,
  CodeBuilder,
  PVersusQ,
  SameGradient,
  NetworkTable,
  RfPresetTable,
  TwoRecursions,
  RfOnImage,
  RfExplorer,
  ErfDepth,
  SlidingWindow,
  ParameterCounter,
  ComputationModel,
  ImagePlayground,
  LearningRate1d,
  OptimizerRace,
  TrainClassifier,
  MomentumRates,
  GraphByHand,
  ConvGradients,
  CnnLab,
  Exercise,
  Cell,
};
