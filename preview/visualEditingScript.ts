import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const ENTRY = fileURLToPath(new URL('./browser/visualEditing.ts', import.meta.url))

let bundle: Promise<string> | null = null

/**
 * The overlays' script for pages in draft mode: `@sanity/visual-editing`
 * and what it needs, bundled once with esbuild on first use and kept in
 * memory. Public pages never load it; nothing comes from a CDN.
 */
export function visualEditingScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    define: {'process.env.NODE_ENV': '"production"'},
  }).then(
    (result) => result.outputFiles[0]?.text ?? '',
    (error: unknown) => {
      bundle = null
      throw error
    },
  )
  return bundle
}
