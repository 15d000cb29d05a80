/**
 * What a deployment may set at build time, in one place. `REPO_URL`: the source repository, linked from every page's
 * footer (the GitHub Pages workflow sets it to the repository it builds); without it the footer names the package
 * and the README instead.
 */
const repository = process.env['REPO_URL']?.trim();

export const siteConfig = {
  /** The source repository's address, or null when the build was not told it. */
  repositoryUrl: repository && /^https?:\/\//.test(repository) ? repository : null,
};
