/**
 * The compute package as a library: `npm pack` makes a tarball that installs into a fresh Node project, and
 * `import { softmax, analyze } from 'nn-notebook/compute'` works there in plain JavaScript (ESM, no loader) and
 * type-checks in strict TypeScript.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, presets, softmax } from '../../src/compute';

const root = process.cwd();
const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });

describe('the packed compute library', () => {
  let project = '';

  beforeAll(() => {
    project = mkdtempSync(path.join(tmpdir(), 'nn-compute-'));
    // --json: the tarball's file name, whatever the version; prepack compiles src/compute into lib/compute.
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', project], root)) as { filename: string; files: { path: string }[] }[];
    expect(packed!.files.map((f) => f.path)).toContain('lib/compute/index.d.ts');
    expect(packed!.files.some((f) => f.path.startsWith('src/') || f.path.startsWith('components/'))).toBe(false);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // The library has no dependencies, so this needs no registry.
    run('npm', ['install', '--offline', '--no-package-lock', path.join(project, packed!.filename)], project);
  }, 120_000);

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('imports in plain JavaScript (ESM) on this Node, with the same numbers, its WebAssembly convolutions too', () => {
    writeFileSync(
      path.join(project, 'main.mjs'),
      "import { softmax, analyze, presets, createNetwork, cnnPresets, useSimd } from 'nn-notebook/compute';\n" +
        "const input = { shape: [1, 28, 28], data: Float64Array.from({ length: 784 }, (_, i) => (i % 7) / 7) };\n" +
        "const gradient = () => Array.from(createNetwork(cnnPresets.lenet5.layers, { inputShape: [1, 28, 28], seed: 3 }).lossAndGradient([input], [4]).gradient.slice(0, 200));\n" +
        "const js = gradient();\n" +
        'console.log(JSON.stringify({ s: softmax([2, 1, 0.1]), rf: analyze(presets.alexnet.layers, 224).at(-1).rf, simd: useSimd(), js, wasm: gradient() }));\n',
    );
    const printed = JSON.parse(run('node', ['main.mjs'], project)) as { s: number[]; rf: number[]; simd: boolean; js: number[]; wasm: number[] };
    expect(printed.s).toEqual(softmax([2, 1, 0.1]));
    expect(printed.rf).toEqual(analyze(presets['alexnet']!.layers, 224).at(-1)!.rf);
    expect(printed.simd).toBe(true);
    expect(printed.wasm).toEqual(printed.js);
    expect(printed.js.some((g) => g !== 0)).toBe(true);
  });

  it('type-checks in strict TypeScript (NodeNext resolution), and rejects a wrong call', () => {
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, types: [] }, files: ['main.ts'] }),
    );
    const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
    writeFileSync(path.join(project, 'main.ts'), "import { softmax, analyze, type Tensor } from 'nn-notebook/compute';\nconst s: number[] = softmax([1, 2]);\nconst t: Tensor = { shape: [1], data: new Float64Array(1) };\nexport const rf = analyze([{ kind: 'conv', kernel: 3 }], 8).at(-1)?.rf ?? s ?? t;\n");
    expect(() => run(tsc, ['-p', '.'], project)).not.toThrow();
    writeFileSync(path.join(project, 'main.ts'), "import { softmax } from 'nn-notebook/compute';\nexport const s: string = softmax([1, 2]);\n");
    const failure = (() => {
      try {
        run(tsc, ['-p', '.'], project);
        return 'no error';
      } catch (error) {
        return String((error as { stdout?: string }).stdout); // tsc reports on stdout
      }
    })();
    expect(failure).toMatch(/Type 'number\[\]' is not assignable to type 'string'/);
    expect(readFileSync(path.join(project, 'node_modules', 'nn-notebook', 'package.json'), 'utf8')).toContain('"./compute"');
  });
});
