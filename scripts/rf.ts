/** `npm run rf -- <preset> [--input N] [--json]`: receptive fields of a network, per layer. See scripts/lib/rf-cli.ts. */
import { runRf } from './lib/rf-cli';

const { code, stdout, stderr } = runRf(process.argv.slice(2));
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = code;
