import {copyFile, mkdir, readFile, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'

/**
 * The Studio's page loads its font, Inter, from Sanity's CDN. The local
 * Studio serves Inter itself instead, from the @fontsource-variable/inter
 * package: one variable font file per style and character set, for the Latin
 * characters Dutch needs. The Studio looks the same, and nothing leaves the
 * machine.
 */

/** Sanity's `@font-face` rules for Inter on its CDN, in the built index.html's `<style>`. */
const SANITY_FONT_FACE = /@font-face\s*\{[^}]*studio-static\.sanity\.io[^}]*\}\s*/gu

/** The character sets served: Dutch is written in Latin, with accents and the ij from latin-ext. */
const SUBSETS = ['latin', 'latin-ext']
const STYLESHEETS = ['wght.css', 'wght-italic.css']

interface FontFace {
  css: string
  file: string
}

/** The package's `@font-face` rules for SUBSETS, named "Inter" as Sanity's theme asks, pointing at `fontsPath`. */
function fontFaces(stylesheet: string, fontsPath: string): FontFace[] {
  const rules = stylesheet.split(/(?=\/\* inter-)/u).filter((rule) => rule.includes('@font-face'))
  return rules.flatMap((rule) => {
    const name = /\/\* inter-([a-z-]+)-wght-(?:normal|italic) \*\//u.exec(rule)?.[1]
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/u.exec(rule)?.[1]
    if (!name || !file || !SUBSETS.includes(name)) return []
    const css = rule
      .slice(rule.indexOf('@font-face'))
      .replace(/font-family:\s*'Inter Variable'/u, 'font-family: Inter')
      .replace(`./files/${file}`, `${fontsPath}/${file}`)
      .trim()
    return [{css, file}]
  })
}

/**
 * Copies Inter into `<build>/static/fonts/` and has the build's index.html
 * load it from there, in place of Sanity's CDN. Fails when the page no
 * longer has Sanity's font rules where they were, so that a Sanity update
 * that moved them is noticed.
 */
export async function serveInterLocally(buildDirectory: string, basePath: string): Promise<void> {
  const packageJson = createRequire(import.meta.url).resolve('@fontsource-variable/inter/package.json')
  const packageDirectory = path.dirname(packageJson)
  const fontsPath = `${basePath.replace(/\/+$/u, '')}/static/fonts`
  const faces = (await Promise.all(STYLESHEETS.map(async (name) => fontFaces(await readFile(path.join(packageDirectory, name), 'utf8'), fontsPath)))).flat()
  if (faces.length !== SUBSETS.length * STYLESHEETS.length) throw new Error(`@fontsource-variable/inter no longer has the expected font files (found ${faces.length}).`)

  const indexPath = path.join(buildDirectory, 'index.html')
  const html = await readFile(indexPath, 'utf8')
  const first = html.search(SANITY_FONT_FACE)
  if (first === -1) throw new Error(`The Studio page in ${indexPath} no longer loads Inter the way the local build replaces; see lake/studio/localFonts.ts.`)
  const fontsDirectory = path.join(buildDirectory, 'static', 'fonts')
  await mkdir(fontsDirectory, {recursive: true})
  await Promise.all(faces.map((face) => copyFile(path.join(packageDirectory, 'files', face.file), path.join(fontsDirectory, face.file))))
  await copyFile(path.join(packageDirectory, 'LICENSE'), path.join(fontsDirectory, 'LICENSE-Inter.txt'))
  const withoutSanityFonts = html.replace(SANITY_FONT_FACE, '')
  const localFaces = `${faces.map((face) => face.css).join('\n')}\n`
  await writeFile(indexPath, `${withoutSanityFonts.slice(0, first)}${localFaces}${withoutSanityFonts.slice(first)}`)
}
