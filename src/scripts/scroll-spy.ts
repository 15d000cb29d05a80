/**
 * The table of contents' scroll-spy: marks the section being read. shell.ts loads it on the page's first scroll;
 * until then the server-rendered mark on "Overview" is right.
 */
export function wireScrollSpy(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')];
  const headings = links
    .map((link) => document.getElementById(decodeURIComponent(link.hash.slice(1))))
    .filter((heading): heading is HTMLElement => heading !== null);
  if (headings.length === 0) return;
  let queued = false;
  const mark = (): void => {
    queued = false;
    // The current section is the last heading above the upper third of the viewport.
    const limit = window.innerHeight / 3;
    let current = headings[0]!;
    for (const heading of headings) if (heading.getBoundingClientRect().top <= limit) current = heading;
    for (const link of links) {
      if (link.hash === `#${encodeURIComponent(current.id)}` || link.hash === `#${current.id}`) {
        link.setAttribute('aria-current', 'true');
      } else link.removeAttribute('aria-current');
    }
  };
  addEventListener('scroll', () => {
    if (!queued) (queued = true), requestAnimationFrame(mark);
  }, { passive: true });
  mark();
}
