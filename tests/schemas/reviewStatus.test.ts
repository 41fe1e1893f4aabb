import {describe, expect, it} from 'vitest'
import {addMonths, deriveReview, isReviewDue, nextReviewAfter, reviewIntervalMonths} from '../../schemas/reviewStatus'

const reviewed = {
  lastReviewed: '2027-01-10',
  nextReview: '2030-01-10',
  reviewedBy: 'J. Jansen',
  reviewerRole: 'bekkenfysiotherapeut',
  reviewedRevision: 'rev-of-review',
}

describe('the next review date', () => {
  it('follows the review date by the interval, three years when the document names none', () => {
    expect(reviewIntervalMonths({})).toBe(36)
    expect(reviewIntervalMonths({intervalMonths: 12})).toBe(12)
    expect(nextReviewAfter('2027-01-10', reviewIntervalMonths({}))).toBe('2030-01-10')
    expect(nextReviewAfter('2027-01-10', 12)).toBe('2028-01-10')
    expect(nextReviewAfter('2027-11-30', 3)).toBe('2028-02-29')
  })

  it('falls back to the last day of a month that lacks the day, never into the next month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28')
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29')
    expect(addMonths('2027-08-31', 1)).toBe('2027-09-30')
    expect(addMonths('2026-11-28', 3)).toBe('2027-02-28')
  })
})

describe('due', () => {
  it('is due from the date of the next check on, as GROQ compares the date with now()', () => {
    expect(isReviewDue('2027-03-14', '2027-03-13')).toBe(false)
    expect(isReviewDue('2027-03-14', '2027-03-14')).toBe(true)
    expect(isReviewDue('2027-03-14', '2027-03-15')).toBe(true)
    expect(isReviewDue(undefined, '2027-03-15')).toBe(true)
  })
})

describe('deriveReview', () => {
  it('counts a review only with a date, reviewer, role and revision', () => {
    expect(deriveReview({_rev: 'rev-of-review', review: reviewed}, '2027-02-01')).toEqual({reviewed: true, changedSinceReview: false, due: false, nextReview: '2030-01-10'})
    expect(deriveReview({_rev: 'x', review: {nextReview: '2027-02-28'}}, '2027-02-01')).toEqual({reviewed: false, changedSinceReview: false, due: false, nextReview: '2027-02-28'})
    expect(deriveReview({_rev: 'x', review: {...reviewed, reviewerRole: null}}, '2027-02-01').reviewed).toBe(false)
  })

  it('says the text changed since the review once the document has another revision than the reviewed one', () => {
    expect(deriveReview({_rev: 'rev-of-a-later-edit', review: reviewed}, '2027-02-01').changedSinceReview).toBe(true)
    // A date without a revision cannot be tied to this text.
    expect(deriveReview({_rev: 'rev-of-review', review: {...reviewed, reviewedRevision: null}}, '2027-02-01').changedSinceReview).toBe(true)
  })

  it('derives due from the stored next review date and today', () => {
    expect(deriveReview({_rev: 'rev-of-review', review: reviewed}, '2030-01-09').due).toBe(false)
    expect(deriveReview({_rev: 'rev-of-review', review: reviewed}, '2030-01-10').due).toBe(true)
  })
})
