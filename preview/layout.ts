import {DRAFT_MODE_DISABLE_PATH, VISUAL_EDITING_SCRIPT_PATH} from '../schemas/studio/previewPaths'
import {html, type SafeHtml} from './html'

export interface PageOptions {
  title: string
  description?: string
  body: SafeHtml
  /** Structured data, already serialised with jsonForScript. */
  jsonLd?: string
}

const SITE_NAME = 'Bekkenbodem: patiënteninformatie'

/** The page shell: one h1 per page (inside the body), navigation, and a footer note. */
export function layout({title, description, body, jsonLd}: PageOptions): string {
  const page = html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${SITE_NAME}</title>
${description ? html`<meta name="description" content="${description}">` : null}
<link rel="stylesheet" href="/styles.css">
${jsonLd ? html`<script type="application/ld+json">${{html: jsonLd}}</script>` : null}
</head>
<body>
<header class="site-header">
<a class="site-name" href="/">${SITE_NAME}</a>
<nav aria-label="Hoofdmenu"><ul><li><a href="/">Aandoeningen</a></li><li><a href="/klachten">Klachten</a></li></ul></nav>
</header>
<main>
${body}
</main>
<footer class="site-footer"><p>Voorbeeldweergave van de inhoud. <a href="/over-deze-informatie">Over deze informatie</a></p></footer>
</body>
</html>
`
  return page.html
}

/**
 * A page in draft mode: a banner that says so, with the way out (back to the
 * same page, public), and the script that draws the edit overlays. Only
 * inside `<body>`: the head, its title and JSON-LD stay as on the public page.
 */
export function withDraftModeChrome(page: string, pathname: string): string {
  const exit = `${DRAFT_MODE_DISABLE_PATH}?${new URLSearchParams({redirect: pathname})}`
  const banner = html`<div class="draft-banner" role="region" aria-label="Conceptweergave"><p><strong>Conceptweergave</strong>: u ziet ook wijzigingen die nog niet gepubliceerd zijn. <a href="${exit}">Conceptweergave verlaten</a></p></div>`
  const script = html`<script type="module" src="${VISUAL_EDITING_SCRIPT_PATH}"></script>`
  return page.replace('<body>\n', `<body>\n${banner.html}\n`).replace('</body>', `${script.html}\n</body>`)
}
