/** The optimisers' race, declared once (see components/README.md). */
import { surfaces } from '../../src/compute';
import { choiceField, flagField, numberField, setField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { RACERS, RACE_DEFAULTS, racerConfig, type SurfaceName } from './racers';
import { raceSnippet } from './snippets';

const rate = (i: number) => numberField({ label: `${RACERS[i]!.name} η`, noun: `${RACERS[i]!.name}'s learning rate`, min: 0, max: 10, default: RACE_DEFAULTS.rosenbrock.lr[i]!, size: 7 });

export const optimizerRaceSpec = defineSpec({
  tag: 'gd-optimizer-race',
  title: 'Optimisers race on a loss surface',
  fields: {
    surface: choiceField({ label: 'Surface', options: (Object.keys(surfaces) as SurfaceName[]).map((key) => ({ value: key, text: surfaces[key].title })), default: 'rosenbrock' }),
    x0: numberField({ label: 'Start x', noun: 'The start x', min: -5, max: 5, default: -1.5 }),
    y0: numberField({ label: 'Start y', noun: 'The start y', min: -5, max: 5, default: 2.5 }),
    steps: numberField({ label: 'Steps', noun: 'The number of steps', min: 10, max: 1000, integer: true, default: 500, size: 5 }),
    on: setField({ label: 'Racers', options: RACERS.map((racer, i) => ({ value: i, text: `${racer.name} (${racer.shape})` })), default: [0, 1, 2, 3] }),
    lr0: rate(0),
    lr1: rate(1),
    lr2: rate(2),
    lr3: rate(3),
    m: numberField({ label: 'Momentum μ', noun: 'The momentum', min: 0, max: 0.99, default: 0.9, size: 5 }),
    nesterov: flagField({ label: 'Nesterov', default: false }),
  },
  // Each surface starts from its own point with learning rates that make a fair race.
  effects: {
    surface: (state) => {
      const { start, lr } = RACE_DEFAULTS[state.surface];
      return { x0: start[0], y0: start[1], lr0: lr[0], lr1: lr[1], lr2: lr[2], lr3: lr[3] };
    },
  },
  snippet(s) {
    const rates = [s.lr0, s.lr1, s.lr2, s.lr3];
    return raceSnippet(s.surface, [s.x0, s.y0], s.steps, s.on.map((i) => racerConfig(i, rates[i]!, s.m, s.nesterov)));
  },
});
