import { describe, expect, it } from 'vitest';
import * as compute from '../../src/compute';
import { readApi } from '../../src/lib/api-docs';
import { readDocument } from '../../scripts/lib/site-files';

describe('the /api/ page', () => {
  const api = readApi();
  const page = readDocument('dist', 'api/index.html');

  it('documents every export of src/compute/index.ts with a doc comment', () => {
    expect(api.length).toBeGreaterThan(50);
    expect(api.filter((entry) => entry.doc === '').map((entry) => entry.name)).toEqual([]);
  });

  it('lists every value the package exports at run time (an independent route to the list)', () => {
    const documented = new Set(api.map((entry) => entry.name));
    expect(Object.keys(compute).filter((name) => !documented.has(name))).toEqual([]);
  });

  it('shows each export with its signature and doc text', () => {
    for (const entry of api) {
      const element = page.getElementById(entry.name);
      expect(element, entry.name).not.toBeNull();
      // The page sets the source's straight apostrophes curly (checked with the rest of the typography).
      expect(element!.querySelector('.api-doc')!.textContent!.replace(/’/g, "'").replace(/\s+/g, ' ').trim()).toBe(entry.doc.replace(/`/g, '').replace(/\s+/g, ' '));
      expect(element!.querySelector('pre')!.textContent).toContain(entry.name);
    }
  });

  it('is linked from every code listing of a chapter', () => {
    const listing = readDocument('dist', 'softmax/index.html').querySelector('figure[data-source-export="softmax"] a');
    expect(listing?.getAttribute('href')).toBe('/api/#softmax');
  });
});
