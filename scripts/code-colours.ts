/** `npm run code-colours`: writes src/styles/code-colours.css, the rules behind the classes of highlighted code. */
import { writeFileSync } from 'node:fs';
import { CODE_COLOURS_FILE, codeColoursCss } from '../src/markdown/token-classes';

writeFileSync(CODE_COLOURS_FILE, codeColoursCss());
console.log(`wrote ${CODE_COLOURS_FILE}`);
