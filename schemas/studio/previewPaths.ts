/**
 * The preview site's draft-mode routes. Presentation opens the first with a
 * fresh secret in the URL; the site checks that secret with the Lake before
 * it shows a single draft (preview/draftMode.ts).
 */
export const DRAFT_MODE_ENABLE_PATH = '/api/draft-mode/enable'
export const DRAFT_MODE_DISABLE_PATH = '/api/draft-mode/disable'
/** The overlays' script, served only to a browser in draft mode. */
export const VISUAL_EDITING_SCRIPT_PATH = '/api/draft-mode/visual-editing.js'
/** A stream that tells a page in draft mode that the content changed, so that it shows the edit without a reload. */
export const DRAFT_MODE_EVENTS_PATH = '/api/draft-mode/events'
