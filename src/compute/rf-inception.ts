/** torchvision's Inception v3 (torchvision/models/inception.py) as a layer graph, up to Mixed_7c. */
import type { Layer } from './receptive-field.ts';
import { NetworkBuilder } from './network-builder.ts';

/** Inception v3's convolutions, pooling and concatenations, with torchvision's module names. */
export function inceptionV3(): Layer[] {
  const b = new NetworkBuilder();
  b.conv('Conv2d_1a_3x3', 3, { stride: 2 });
  b.conv('Conv2d_2a_3x3', 3);
  b.conv('Conv2d_2b_3x3', 3, { padding: 1 });
  b.maxpool('maxpool1', 3, { stride: 2 });
  b.conv('Conv2d_3b_1x1', 1);
  b.conv('Conv2d_4a_3x3', 3);
  b.maxpool('maxpool2', 3, { stride: 2 });

  const averagePoolBranch = (name: string, from: string) => {
    b.avgpool(`${name}.avg_pool`, 3, { stride: 1, padding: 1, from });
    return b.conv(`${name}.branch_pool`, 1);
  };
  const inceptionA = (name: string) => {
    const x = b.current;
    const b1 = b.conv(`${name}.branch1x1`, 1, { from: x });
    b.conv(`${name}.branch5x5_1`, 1, { from: x });
    const b5 = b.conv(`${name}.branch5x5_2`, 5, { padding: 2 });
    b.conv(`${name}.branch3x3dbl_1`, 1, { from: x });
    b.conv(`${name}.branch3x3dbl_2`, 3, { padding: 1 });
    const b3 = b.conv(`${name}.branch3x3dbl_3`, 3, { padding: 1 });
    b.concat(name, [b1, b5, b3, averagePoolBranch(name, x)]);
  };
  const inceptionB = (name: string) => {
    const x = b.current;
    const b3 = b.conv(`${name}.branch3x3`, 3, { stride: 2, from: x });
    b.conv(`${name}.branch3x3dbl_1`, 1, { from: x });
    b.conv(`${name}.branch3x3dbl_2`, 3, { padding: 1 });
    const bd = b.conv(`${name}.branch3x3dbl_3`, 3, { stride: 2 });
    const pool = b.maxpool(`${name}.max_pool`, 3, { stride: 2, from: x });
    b.concat(name, [b3, bd, pool]);
  };
  const inceptionC = (name: string) => {
    const x = b.current;
    const b1 = b.conv(`${name}.branch1x1`, 1, { from: x });
    b.conv(`${name}.branch7x7_1`, 1, { from: x });
    b.conv(`${name}.branch7x7_2`, [1, 7], { padding: [0, 3] });
    const b7 = b.conv(`${name}.branch7x7_3`, [7, 1], { padding: [3, 0] });
    b.conv(`${name}.branch7x7dbl_1`, 1, { from: x });
    b.conv(`${name}.branch7x7dbl_2`, [7, 1], { padding: [3, 0] });
    b.conv(`${name}.branch7x7dbl_3`, [1, 7], { padding: [0, 3] });
    b.conv(`${name}.branch7x7dbl_4`, [7, 1], { padding: [3, 0] });
    const b7d = b.conv(`${name}.branch7x7dbl_5`, [1, 7], { padding: [0, 3] });
    b.concat(name, [b1, b7, b7d, averagePoolBranch(name, x)]);
  };
  const inceptionD = (name: string) => {
    const x = b.current;
    b.conv(`${name}.branch3x3_1`, 1, { from: x });
    const b3 = b.conv(`${name}.branch3x3_2`, 3, { stride: 2 });
    b.conv(`${name}.branch7x7x3_1`, 1, { from: x });
    b.conv(`${name}.branch7x7x3_2`, [1, 7], { padding: [0, 3] });
    b.conv(`${name}.branch7x7x3_3`, [7, 1], { padding: [3, 0] });
    const b7 = b.conv(`${name}.branch7x7x3_4`, 3, { stride: 2 });
    const pool = b.maxpool(`${name}.max_pool`, 3, { stride: 2, from: x });
    b.concat(name, [b3, b7, pool]);
  };
  const inceptionE = (name: string) => {
    const x = b.current;
    const b1 = b.conv(`${name}.branch1x1`, 1, { from: x });
    const s3 = b.conv(`${name}.branch3x3_1`, 1, { from: x });
    const a = b.conv(`${name}.branch3x3_2a`, [1, 3], { padding: [0, 1], from: s3 });
    const c = b.conv(`${name}.branch3x3_2b`, [3, 1], { padding: [1, 0], from: s3 });
    const b3 = b.concat(`${name}.branch3x3`, [a, c]);
    b.conv(`${name}.branch3x3dbl_1`, 1, { from: x });
    const d2 = b.conv(`${name}.branch3x3dbl_2`, 3, { padding: 1 });
    const da = b.conv(`${name}.branch3x3dbl_3a`, [1, 3], { padding: [0, 1], from: d2 });
    const db = b.conv(`${name}.branch3x3dbl_3b`, [3, 1], { padding: [1, 0], from: d2 });
    const bd = b.concat(`${name}.branch3x3dbl`, [da, db]);
    b.concat(name, [b1, b3, bd, averagePoolBranch(name, x)]);
  };

  ['Mixed_5b', 'Mixed_5c', 'Mixed_5d'].forEach(inceptionA);
  inceptionB('Mixed_6a');
  ['Mixed_6b', 'Mixed_6c', 'Mixed_6d', 'Mixed_6e'].forEach(inceptionC);
  inceptionD('Mixed_7a');
  ['Mixed_7b', 'Mixed_7c'].forEach(inceptionE);
  return b.layers;
}
