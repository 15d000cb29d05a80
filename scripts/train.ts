/** `npm run train -- [--net NAME] [--epochs N] …`: trains a CNN lab network on the digits in Node. See scripts/lib/train-cli.ts. */
import { runTrain } from './lib/train-cli';

const { code, stdout, stderr } = runTrain(process.argv.slice(2), (line) => console.log(line));
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = code;
