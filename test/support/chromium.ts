import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where to look for a Chromium: $CHROMIUM_PATH first, then Debian's package. */
export function findChromium(): string | undefined {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

/** The help printed when no Chromium is found. */
export const INSTALL_HELP =
  'Browser tests need Chromium. Install Debian\'s package with `apt-get install -y chromium`, ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome binary.';

/** Flags that keep headless Chromium quiet on a machine with no network but loopback. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless Chromium. Playwright's `launch` gives every run a fresh temporary profile (user-data dir) and
 * deletes it on close, so no state leaks between runs.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: FLAGS, headless: true });
}
