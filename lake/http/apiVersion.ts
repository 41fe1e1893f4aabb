import {ApiError} from './apiError'
import type {Perspective} from '../../client/embedded/dataset'

/** From this API version on, the Content Lake answers with the published perspective unless asked otherwise. */
const PUBLISHED_BY_DEFAULT_FROM = '2025-02-19'

const DATE_VERSION = /^\d{4}-\d{2}-\d{2}$/

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

/** Checks the `{apiVersion}` of `/v{apiVersion}/...` (`1`, `X` or a date such as `2025-02-19`) and returns it. */
export function parseApiVersion(version: string): string {
  if (version === '1' || version === 'X') return version
  // Date.parse rolls 2025-02-30 over to March; a real date reads back the same.
  if (DATE_VERSION.test(version) && isCalendarDate(version)) return version
  throw new ApiError(400, `Invalid API version "v${version}". Use a date such as v2025-02-19, or v1 or vX.`)
}

/** From this API version on (and in `vX`), query answers carry `syncTags` and the live events API answers. */
const LIVE_FROM = '2021-03-25'

export function hasLiveContent(apiVersion: string): boolean {
  return apiVersion === 'X' || (apiVersion !== '1' && apiVersion >= LIVE_FROM)
}

/** Content Source Maps (`resultSourceMap`) come from the same API version on; older versions ignore the parameter. */
export function hasContentSourceMaps(apiVersion: string): boolean {
  return hasLiveContent(apiVersion)
}

/** The Content Lake's default perspective for an API version: raw before v2025-02-19, published from then on. */
function defaultPerspective(apiVersion: string): Perspective {
  if (apiVersion === 'X') return 'published'
  if (apiVersion === '1') return 'raw'
  // ISO dates compare correctly as strings.
  return apiVersion >= PUBLISHED_BY_DEFAULT_FROM ? 'published' : 'raw'
}

export function parsePerspective(value: string | null, apiVersion: string): Perspective {
  if (value === null || value === '') return defaultPerspective(apiVersion)
  if (value === 'published' || value === 'drafts' || value === 'raw') return value
  // The older name for the drafts perspective; @sanity/client still accepts it.
  if (value === 'previewDrafts') return 'drafts'
  throw new ApiError(400, `Unsupported perspective "${value}". This server knows "published", "drafts" and "raw".`)
}
