import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headersFile, inlineScriptHashes, inlineStyleHashes } from '../../src/integrations/security-headers';
import { headerRules, headersFor } from '../support/server';

describe('the GitHub Pages workflow', () => {
  const workflow = readFileSync('.github/workflows/pages.yml', 'utf8');
  it('builds with npm ci and npm run build under the repository base path and SITE, uploads dist/ and deploys it', () => {
    expect(workflow).toMatch(/- run: npm ci\n\s+- run: npm run build\n\s+env:\n\s+BASE_PATH: \$\{\{ steps\.pages\.outputs\.base_path \}\}\/\n\s+SITE: \$\{\{ steps\.pages\.outputs\.origin \}\}/);
    expect(workflow).toMatch(/uses: actions\/upload-pages-artifact@v\d+\n\s+with:\n\s+path: dist/);
    expect(workflow).toMatch(/uses: actions\/deploy-pages@v\d+/);
    expect(workflow).toMatch(/node-version: 20/);
    expect(workflow).toMatch(/REPO_URL: \$\{\{ github\.server_url \}\}\/\$\{\{ github\.repository \}\}/);
  });
});

describe('the _headers file', () => {
  it('hashes exactly the inline scripts that execute (not JSON data blocks)', () => {
    const hashes = inlineScriptHashes(['<script>a()</script><script type="module" src="/x.js"></script><script type="application/json">{}</script>', '<script>b()</script>']);
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).toMatch(/^sha256-[A-Za-z0-9+/]+=*$/);
  });

  it('hashes every inline stylesheet, and the policy allows those and no other inline style element', () => {
    const styles = inlineStyleHashes(['<style>a{color:red}</style><link rel="stylesheet" href="/x.css">', '<style media="print">b{}</style><style>a{color:red}</style>']);
    expect(styles).toEqual([...new Set(styles)].sort());
    expect(styles).toHaveLength(2);
    const text = headersFile('/', ['_astro'], ['sha256-abc='], styles);
    const csp = headersFor(headerRules.fromText(text), '/softmax/').get('Content-Security-Policy')![0]!;
    expect(csp).toContain(`style-src 'self' '${styles[0]}' '${styles[1]}'; style-src-attr 'unsafe-inline';`);
    expect(csp).not.toMatch(/style-src [^;]*'unsafe-inline'/);
  });

  it("gives the cells' worker its own policy, and no other path a second one", () => {
    const text = headersFile('/nn/', ['_astro', 'cells', 'pagefind'], ['sha256-abc=']);
    const rules = headerRules.fromText(text);
    const csp = (path: string) => headersFor(rules, path).get('Content-Security-Policy') ?? [];
    expect(csp('/nn/cells/cell-worker-1.js')).toEqual(["default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'none'"]);
    for (const path of ['/nn/', '/nn/softmax/', '/nn/softmax', '/nn/softmax/index.html', '/nn/_astro/x.js', '/nn/pagefind/pagefind.js', '/nn/sw.js']) {
      expect(csp(path), path).toHaveLength(1);
      expect(csp(path)[0]).toContain("'sha256-abc='");
      expect(csp(path)[0]).not.toContain("'unsafe-eval'");
    }
  });
});
