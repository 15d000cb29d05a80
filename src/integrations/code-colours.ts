import type { Plugin } from 'vite';
import { CODE_COLOURS_CSS, codeColoursCss } from '../markdown/token-classes';

/** Vite plugin: serves the token classes' stylesheet (../markdown/token-classes.ts) as a module the layout imports. */
export function codeColours(): Plugin {
  const resolved = `\0${CODE_COLOURS_CSS}`;
  return {
    name: 'code-colours',
    resolveId: (id) => (id === CODE_COLOURS_CSS ? resolved : undefined),
    load: (id) => (id === resolved ? codeColoursCss() : undefined),
  };
}
