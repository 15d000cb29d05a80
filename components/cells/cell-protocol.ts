/** The messages between a code cell's page (runner.ts) and the worker that runs it (cell-worker.ts). */

/** Something a cell shows: a line of text, or a table (a Tensor, a matrix). */
export type Display = { kind: 'text'; text: string } | { kind: 'table'; caption: string; rows: string[][] };

/** Run a cell's code; with `exercise`, then check the function it defines against the compute package. */
export interface CellRequest {
  id: number;
  code: string;
  exercise?: string;
  /** Hidden code run first: a "Run this" listing's own module (src/lib/cell-prelude.ts). */
  prelude?: string;
}

import type { CheckOutcome } from './exercises';

/** The outcome of one exercise check (exercises.ts). */
export type CheckResult = CheckOutcome;

export interface CellReply {
  id: number;
  /** What the code printed, in order, then the value of its last expression (if it ends in one). */
  output: Display[];
  value: Display[] | null;
  error: { message: string; line: number | null } | null;
  check: CheckResult | null;
  /** Output beyond the cap was dropped. */
  truncated: boolean;
  ms: number;
}
