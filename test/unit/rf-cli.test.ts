import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, presets } from '../../src/compute';
import { runRf } from '../../scripts/lib/rf-cli';

describe('npm run rf', () => {
  it("reproduces the seed script's AlexNet numbers at 224", () => {
    const { code, stdout } = runRf(['alexnet']);
    expect(code).toBe(0);
    const rows = stdout.trim().split('\n').slice(2).map((line) => line.trim().split(/\s+/));
    expect(rows[0]).toEqual(['conv1', '54', '4', '11', '0']);
    expect(rows.at(-1)).toEqual(['pool5', '5', '32', '195', '64']);
  });

  it('--json prints exactly what analyze returns; --input changes the input size', () => {
    const { code, stdout } = runRf(['torchvision/resnet18', '--input', '227', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(analyze(presets['torchvision/resnet18']!.layers, 227));
  });

  it('--spec analyses a JSON layer list; --list lists every preset', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rf-'));
    const file = path.join(dir, 'net.json');
    writeFileSync(file, JSON.stringify([{ name: 'c', kind: 'conv', kernel: 3, stride: 2 }]));
    const { code, stdout } = runRf(['--spec', file, '--input', '9', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([{ name: 'c', outputSize: [4, 4], stride: [2, 2], rf: [3, 3], padding: [0, 0], aligned: true }]);
    const list = runRf(['--list']).stdout;
    for (const key of Object.keys(presets)) expect(list).toContain(key);
  });

  it.each([
    [['nope'], /unknown preset "nope"/],
    [[], /usage/],
    [['alexnet', '--input', 'big'], /--input must be a whole number/],
    [['alexnet', '--input', '10'], /Layer "conv1": its input of size 10 is too small/],
    [['--spec', '/no/such/file.json'], /cannot read/],
    [['alexnet', '--input'], /missing its value/],
  ])('%j: a one-line message and exit code 2', (argv, message) => {
    const { code, stdout, stderr } = runRf(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('the real command exits with code 2 and no stack trace on bad input', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync('npx', ['tsx', 'scripts/rf.ts', 'nope'], { stdio: 'pipe' });
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      status = failure.status;
      stderr = failure.stderr.toString();
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/^rf: unknown preset "nope"/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 30_000);
});
