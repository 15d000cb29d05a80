/**
 * Site-internal URL for a path, under the configured base (BASE_PATH), with the trailing slash that directory-style
 * pages use. `href('/')` is the home page; `href('softmax')` is `/softmax/` (or `/nn/softmax/` under `/nn/`).
 */
export function href(path: string, base: string = import.meta.env.BASE_URL): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const trimmed = path.replace(/^\/+/, '');
  if (trimmed === '') return prefix;
  // Files (with an extension) and fragments keep their form; pages get a trailing slash.
  const isFile = /\.[a-z0-9]+$/i.test(trimmed.split(/[?#]/)[0] ?? '');
  const [pathPart, ...rest] = trimmed.split('#');
  const withSlash = isFile || pathPart!.endsWith('/') ? pathPart! : `${pathPart}/`;
  return prefix + withSlash + (rest.length ? `#${rest.join('#')}` : '');
}
