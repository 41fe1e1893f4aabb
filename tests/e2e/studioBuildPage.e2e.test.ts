import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {readServerConfig} from '../../lake/config'
import {startServer} from '../../lake/server'
import {createStudioService} from '../../lake/studio/studioService'
import type {StudioBuilder} from '../../lake/studio/studioBuild'
import {withStudio} from '../../lake/studio/withStudio'
import {createPreviewSite} from '../../preview/site'
import {launchChromium} from './support/browser'

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))

/** How often the page reloads itself without JavaScript (studioService's meta refresh). */
const META_REFRESH_MS = 5000

/** A build that waits until the test lets it finish, and then writes a page that says so. */
function gatedBuild(): {build: StudioBuilder; finish: () => void} {
  let finish = () => {}
  const gate = new Promise<void>((resolve) => (finish = resolve))
  const build: StudioBuilder = async (directory) => {
    await gate
    await mkdir(directory, {recursive: true})
    await writeFile(path.join(directory, 'index.html'), '<html><body><div id="sanity">De Studio is er</div></body></html>')
  }
  return {build, finish: () => finish()}
}

describe('npm start while the Studio is being built', () => {
  it('serves the site and the API at once, and the waiting page opens the Studio as soon as the build is done', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'studio-build-page-'))
    await writeFile(path.join(project, 'sanity.config.ts'), 'export default {}\n')
    const gated = gatedBuild()
    const studio = createStudioService({projectDirectory: project, datasetName: 'production', sessionToken: () => null, build: gated.build, log: () => undefined})
    const config = readServerConfig(['--dataset', SEEDED_DATASET, '--port', '0'], {QUERY_WORKERS: '1'})
    const server = await startServer(config, {pages: (store) => withStudio(createPreviewSite({store}), studio.routes)})
    const browser = await launchChromium()
    try {
      // The preview and the API answer while the Studio is still being built.
      expect((await fetch(`${server.url}/`)).status).toBe(200)
      expect((await fetch(`${server.url}/v2025-02-19/data/query/production?query=count(*[_type=="condition"])`)).status).toBe(200)

      const page = await browser.newPage()
      await page.goto(`${server.url}/studio/`)
      await page.getByRole('heading', {name: 'De Studio wordt gebouwd'}).waitFor()
      const opened = page.waitForFunction(() => document.getElementById('sanity') !== null, undefined, {timeout: 30_000})
      const finished = performance.now()
      gated.finish()
      await studio.ready
      await opened
      // Opened by the page's own question, not by the fallback reload five seconds on.
      expect(performance.now() - finished).toBeLessThan(META_REFRESH_MS - 1000)
      await expect(page.locator('#sanity').innerText()).resolves.toBe('De Studio is er')
    } finally {
      await browser.close()
      await server.close()
      await rm(project, {recursive: true, force: true})
    }
  })
})
