import { describe, expect, it } from 'vitest';
import { deferModuleScripts } from '../../src/integrations/after-first-paint';

describe('module scripts behind the first paint', () => {
  const html = '<head><script>theme()</script></head><body><script type="module" src="/_astro/a.js"></script><p>x</p><script type="module" src="/_astro/b.js"></script><script type="application/json">{}</script></body>';

  it('replaces every module script with one loader listing them in order, at the last one’s place', () => {
    const result = deferModuleScripts(html, '/_astro/load.js');
    expect(result.modules).toEqual(['/_astro/a.js', '/_astro/b.js']);
    expect(result.html).toBe('<head><script>theme()</script></head><body><p>x</p><script type="module" src="/_astro/load.js" data-load="/_astro/a.js /_astro/b.js" fetchpriority="low"></script><script type="application/json">{}</script></body>');
  });

  it('leaves a page without module scripts unchanged', () => {
    const plain = '<body><script>theme()</script></body>';
    expect(deferModuleScripts(plain, '/_astro/load.js')).toEqual({ html: plain, modules: [] });
  });
});
