/**
 * Runs a cell's code at build time, in Node, the way the page's worker will (the same compileCell, sucrase and
 * compute package): a listing offered as "Run this" that would fail for a reader fails the build instead.
 */
import { transform } from 'sucrase';
import * as compute from '../compute/index.ts';
import { compileCell, isComputeModule } from '../../components/cells/cell-code';

const NAMES = Object.keys(compute);
const toJs = (code: string) => transform(code, { transforms: ['typescript', 'imports'], production: true }).code;

/** The value of the code's last line; throws an Error naming `what` if the code does not compile, throws, or ends without a value. */
export function runAtBuild(code: string, what: string, prelude = ''): unknown {
  const cell: { value?: unknown } = {};
  const require = (specifier: string) => {
    if (isComputeModule(specifier)) return compute;
    throw new Error(`only the compute package can be imported, not '${specifier}'`);
  };
  const quiet = { log() {}, info() {}, debug() {}, warn() {}, error() {}, table() {} };
  try {
    const { body, captured } = compileCell(code, toJs, compute as Readonly<Record<string, unknown>>, '', prelude);
    body(require, {}, { exports: {} }, quiet, cell);
    if (!captured || cell.value === undefined) throw new Error('its last line gives no value to show');
  } catch (error) {
    throw new Error(`${what} does not run as a cell: ${error instanceof Error ? error.message : String(error)}`);
  }
  return cell.value;
}

/** The compute package's export names: what every cell has in scope without importing it. */
export const COMPUTE_NAMES: readonly string[] = NAMES;
