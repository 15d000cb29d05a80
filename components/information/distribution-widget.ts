/** The browser side of the distribution editor: a widget base class that binds editors to its weights and names. */
import { NotebookWidget } from '../lib/widget';
import { NumberRows } from '../lib/number-rows';
import type { Fields } from '../lib/fields';
import { weightsField } from './distribution';

/** A widget with distribution editors (NumberRows with names and shares). */
export abstract class DistributionWidget<F extends Fields> extends NotebookWidget<F> {
  /** Binds the widget's one editor to `p` and `names`; a widget with more wires its own and calls no super. */
  protected override setup(): void {
    this.bindDistribution(this.find('.num-rows'));
  }

  /** Binds the editor in `root` to a weights field and, unless it follows another editor, to the names field. */
  protected bindDistribution(root: HTMLElement, weights: keyof F & string = 'p', names: (keyof F & string) | null = 'names'): NumberRows {
    const rows = new NumberRows(root, weightsField([]), (i, name) => `The weight of “${name || `outcome ${i + 1}`}”`);
    this.bindCustom(weights, (editor) => rows.values(editor as never) as never);
    if (names) this.bindCustom(names, (editor) => rows.names(editor as never) as never);
    return rows;
  }
}
