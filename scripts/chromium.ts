import {chromium, type Browser} from 'playwright-core'

// The Debian Chromium that .ci/run installs, or the one CHROMIUM_PATH names.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Headless Chromium as the browser tests and the Studio benchmarks drive it.
 * Here, not under tests/, so that the benchmarks need nothing from the tests.
 * The flags keep Chromium from reaching Google's services and from needing a
 * sandbox or a GPU, which containers and CI machines lack.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}
