import { readFileSync } from 'node:fs';
import { analyze, presets, type Layer, type LayerResult } from '../../src/compute';

/** What the CLI printed and how it ended. */
export interface CliOutcome {
  code: 0 | 2;
  stdout: string;
  stderr: string;
}

const USAGE = 'usage: npm run rf -- <preset> [--input N] [--json] | --spec net.json [--input N] [--json] | --list';

const pair = ([h, w]: [number, number]): string => (h === w ? String(h) : `${h}×${w}`);

/** The per-layer table: name, output size, effective stride, receptive field, effective padding. */
export function formatTable(rows: readonly LayerResult[]): string {
  const header = ['layer', 'output', 'stride', 'RF', 'padding'];
  const lines = rows.map((r) => [r.name + (r.aligned ? '' : ' (misaligned)'), pair(r.outputSize), pair(r.stride), pair(r.rf), pair(r.padding)]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((line) => line[c]!.length)));
  const format = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

/**
 * Runs `npm run rf` on its arguments. Never throws: a bad preset, file, option or network gives a one-line message
 * and exit code 2.
 */
export function runRf(argv: readonly string[]): CliOutcome {
  const fail = (message: string): CliOutcome => ({ code: 2, stdout: '', stderr: `rf: ${message}\n` });
  const args = [...argv];
  const flag = (name: string) => {
    const at = args.indexOf(name);
    if (at === -1) return false;
    args.splice(at, 1);
    return true;
  };
  const option = (name: string): string | undefined | null => {
    const at = args.indexOf(name);
    if (at === -1) return undefined;
    const value = args[at + 1];
    args.splice(at, 2);
    return value ?? null;
  };
  try {
    if (flag('--list')) {
      const width = Math.max(...Object.keys(presets).map((k) => k.length));
      const lines = Object.entries(presets).map(([key, p]) => `${key.padEnd(width)}  ${p.title} (input ${p.inputSize})`);
      return { code: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
    }
    const json = flag('--json');
    const inputText = option('--input');
    const specPath = option('--spec');
    if (inputText === null || specPath === null) return fail(`an option is missing its value. ${USAGE}`);
    let layers: Layer[];
    let inputSize: number;
    if (specPath !== undefined) {
      if (args.length > 0) return fail(`unexpected "${args[0]}" with --spec. ${USAGE}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(specPath, 'utf8'));
      } catch (error) {
        return fail(`cannot read ${specPath} as JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
      if (!Array.isArray(parsed)) return fail(`${specPath} must hold a JSON array of layers.`);
      layers = parsed as Layer[];
      inputSize = 224;
    } else {
      if (args.length !== 1) return fail(args.length === 0 ? USAGE : `expected one preset, got ${args.join(' ')}. ${USAGE}`);
      const preset = presets[args[0]!];
      if (!preset) return fail(`unknown preset "${args[0]}"; \`npm run rf -- --list\` lists them.`);
      layers = preset.layers;
      inputSize = preset.inputSize;
    }
    if (inputText !== undefined) {
      if (!/^\d{1,6}$/.test(inputText)) return fail(`--input must be a whole number of pixels, not "${inputText}".`);
      inputSize = Number(inputText);
    }
    const rows = analyze(layers, inputSize);
    return { code: 0, stdout: json ? `${JSON.stringify(rows, null, 2)}\n` : `input ${inputSize}×${inputSize}\n${formatTable(rows)}\n`, stderr: '' };
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) return fail(error.message);
    throw error;
  }
}
