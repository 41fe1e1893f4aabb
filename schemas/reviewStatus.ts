/**
 * Where a text stands in its medical review, derived from the review record
 * and the date; nobody types a status. An import is not a review: a text taken
 * over from a leaflet has no review date and no reviewer until a clinician has
 * checked it. This module imports nothing, so the Studio, the client and the
 * preview share one derivation without pulling the Studio into frontends.
 */

/** The document types that carry a medical review. */
export const REVIEWED_TYPES: readonly string[] = ['condition', 'treatment']

/** How long a check stays valid when the document names no interval of its own: three years, the usual cycle for patient information. */
export const DEFAULT_REVIEW_INTERVAL_MONTHS = 36

/** A text that no clinician has checked yet is due for its first check this soon. */
export const FIRST_REVIEW_WITHIN_MONTHS = 3

/** The review record as stored on a condition or treatment. */
export interface ReviewRecord {
  intervalMonths?: number | null
  nextReview?: string | null
  lastReviewed?: string | null
  reviewedBy?: string | null
  reviewerRole?: string | null
  reviewedRevision?: string | null
}

/** What a reader, an editor and a search engine may be told about a text's review. */
export interface DerivedReview {
  /** A clinician has checked some version of this text (a date, a reviewer and a revision are recorded). */
  reviewed: boolean
  /** The text was edited after its last check, so what is shown now has not been checked. */
  changedSinceReview: boolean
  /** The date of the next check has come: "Controle nodig". */
  due: boolean
  /** The date by which the text is (re)checked. */
  nextReview: string | null
}

/** Today's date in UTC as YYYY-MM-DD, the form the date fields store and GROQ's now() starts with. */
export function isoDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/**
 * A date some months later. A day the later month lacks falls back to its
 * last day (31 January + 1 month is 28 or 29 February), so a check is never
 * planned in the month after the one intended.
 */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  const firstOfTarget = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDayOfTarget = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate()
  firstOfTarget.setUTCDate(Math.min(day, lastDayOfTarget))
  return isoDay(firstOfTarget)
}

/** The review interval in months, the default when the document names none. */
export function reviewIntervalMonths(review: ReviewRecord | null | undefined): number {
  const interval = review?.intervalMonths
  return typeof interval === 'number' && Number.isInteger(interval) && interval > 0 ? interval : DEFAULT_REVIEW_INTERVAL_MONTHS
}

/** The next check follows the last one by the interval. */
export function nextReviewAfter(lastReviewed: string, intervalMonths: number): string {
  return addMonths(lastReviewed, intervalMonths)
}

/** A check is due from its date on (ISO dates sort as strings in date order, as GROQ's `review.nextReview <= now()` compares them). */
export function isReviewDue(nextReview: string | null | undefined, today: string): boolean {
  return !nextReview || nextReview <= today
}

/** Whether the record says a clinician checked the text: date, reviewer, role and revision together. */
export function hasMedicalReview(review: ReviewRecord | null | undefined): boolean {
  return Boolean(review?.lastReviewed && review.reviewedBy && review.reviewerRole && review.reviewedRevision)
}

/**
 * The review of a stored document. The review is recorded in the same
 * transaction that makes the reviewed revision, under that transaction's id,
 * so the document's `_rev` equals `reviewedRevision` until the next edit: any
 * later write gives the document a new `_rev`, and the text counts as changed
 * since the review until a clinician checks it again.
 */
export function deriveReview(document: {_rev?: string | null; review?: ReviewRecord | null}, today: string): DerivedReview {
  const review = document.review
  const reviewed = hasMedicalReview(review)
  // The stored date, which validation keeps equal to the review date plus the interval: the Studio's list compares the same field with now().
  const nextReview = review?.nextReview ?? (reviewed && review?.lastReviewed ? nextReviewAfter(review.lastReviewed, reviewIntervalMonths(review)) : null)
  return {
    reviewed,
    // A review date without a recorded revision cannot be tied to this text, so it counts as changed, as in the client's queries.
    changedSinceReview: Boolean(review?.lastReviewed) && !(review?.reviewedRevision && review.reviewedRevision === document._rev),
    due: isReviewDue(nextReview, today),
    nextReview,
  }
}
