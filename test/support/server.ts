import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sirv from 'sirv';

/** A running static server for a built site. */
export interface SiteServer {
  /** Origin plus base path, ending in "/", e.g. http://127.0.0.1:41234/nn/. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built `dist` folder on 127.0.0.1 under `base` (as a static host would), with the site's 404 page for
 * unknown paths, gzip-compressed like any real host (sirv serves the .gz files this writes next to each text file).
 * Port 0: the OS picks a free port.
 */
export async function serveSite(distDir: string, base = '/', options: { live?: boolean } = {}): Promise<SiteServer> {
  precompress(distDir);
  // `live`: read files on every request (a test that changes the site while it is served); otherwise sirv's
  // production mode, which reads the folder once.
  const files = sirv(distDir, { dev: options.live ?? false, etag: true, extensions: ['html'], gzip: true });
  const notFoundFile = path.join(distDir, '404.html');
  const notFound = existsSync(notFoundFile) ? readFileSync(notFoundFile) : Buffer.from('Not found');
  const rules = headerRules(distDir);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    // The headers a Netlify-style host would add from the build's _headers file (every matching block, added up).
    const pathname = new URL(url, 'http://host').pathname;
    for (const [name, values] of headersFor(rules, pathname)) res.setHeader(name, values.join(', '));
    const send404 = () => {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(notFound);
    };
    if (!url.startsWith(base)) return send404();
    req.url = `/${url.slice(base.length)}`;
    files(req, res, send404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Writes `<file>.gz` beside every text asset whose .gz is missing or older, for sirv's `gzip` option. */
function precompress(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) precompress(full);
    else if (/\.(html|js|css|svg|xml|json|txt)$/.test(entry.name) && isStale(full, `${full}.gz`)) {
      writeFileSync(`${full}.gz`, gzipSync(readFileSync(full), { level: 9 }));
    }
  }
}

const isStale = (source: string, derived: string): boolean =>
  !existsSync(derived) || statSync(derived).mtimeMs < statSync(source).mtimeMs;

/** The blocks of a Netlify-style `_headers` file: a path pattern (`:name` one segment, `*` the rest) and its headers. */
export function headerRules(distDir: string): HeaderRule[] {
  const file = path.join(distDir, '_headers');
  return existsSync(file) ? headerRules.fromText(readFileSync(file, 'utf8')) : [];
}

/** One block of a `_headers` file. */
export interface HeaderRule {
  pattern: RegExp;
  headers: [string, string][];
}

/** Parses the text of a `_headers` file. */
headerRules.fromText = (text: string): HeaderRule[] => {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+').replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
    } else {
      const [name, ...value] = line.trim().split(':');
      rules.at(-1)?.headers.push([name!.trim(), value.join(':').trim()]);
    }
  }
  return rules;
};

/** Every header the rules give `pathname`, each name with all its values in rule order. */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rule of rules) {
    if (!rule.pattern.test(pathname)) continue;
    for (const [name, value] of rule.headers) out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}
