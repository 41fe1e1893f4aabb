import {enableVisualEditing, type HistoryAdapter} from '@sanity/visual-editing'
import {DRAFT_MODE_EVENTS_PATH} from '../../schemas/studio/previewPaths'

/**
 * Runs in the browser on a page in draft mode only: draws the overlays from
 * the `data-sanity` attributes, keeps Presentation's address bar in step
 * with the page, and shows each edit without a reload by fetching the page
 * again and swapping its `<main>`.
 */

const currentPath = () => `${location.pathname}${location.search}${location.hash}`

/** Every page is a page load: Presentation learns the address once, and navigating asks the browser to go there. */
const history: HistoryAdapter = {
  subscribe(navigate) {
    navigate({type: 'push', url: currentPath()})
    return () => undefined
  },
  update(update) {
    if (update.type === 'pop') window.history.back()
    else if (new URL(update.url, location.href).href !== location.href) location.assign(update.url)
  },
}

let inFlight: Promise<void> | null = null
let again = false

/** The page's `<main>`, rendered again from the current drafts. */
async function swapMain(): Promise<void> {
  const response = await fetch(location.href, {cache: 'no-store', credentials: 'same-origin'})
  if (!response.ok) return
  const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('main')
  const current = document.querySelector('main')
  if (next && current) current.replaceWith(document.adoptNode(next))
}

/** One fetch at a time; edits that arrive meanwhile are shown by one more fetch after it. */
function refreshMain(): Promise<void> {
  if (inFlight) {
    again = true
    return inFlight
  }
  inFlight = swapMain().finally(() => {
    inFlight = null
    if (again) {
      again = false
      void refreshMain()
    }
  })
  return inFlight
}

// Each change on the server (a keystroke the Studio saved) is shown as soon as it is there.
new EventSource(DRAFT_MODE_EVENTS_PATH).addEventListener('change', () => void refreshMain())

enableVisualEditing({
  history,
  // An edit in the Studio: show it in place (the change stream usually has already). The refresh button: load the page again.
  refresh: (payload) => (payload.source === 'mutation' ? refreshMain() : false),
})
