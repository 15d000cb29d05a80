/** The built sites the site checks run on: the root build and the sub-path build. */
export const builtSites = [
  { name: 'base /', dir: 'dist', base: '/', site: null, repository: null },
  { name: 'base /nn/', dir: 'dist-nn', base: '/nn/', site: 'https://example.org', repository: 'https://example.org/nn-notebook' },
] as const;
