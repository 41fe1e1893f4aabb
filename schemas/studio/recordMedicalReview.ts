import type {SanityClient, SanityDocument} from '@sanity/client'
import {isoDay, nextReviewAfter, reviewIntervalMonths, type ReviewRecord} from '../reviewStatus'
import type {ReviewerRole} from '../reviewerRoles'

/** Who checked the text, as the reviewer gives it in the action's dialog. */
export interface Reviewer {
  reviewedBy: string
  reviewerRole: ReviewerRole
}

/** The draft and the published version of one document, as the Studio's document actions receive them. */
export interface DocumentVersions {
  /** The published id, e.g. `condition-verzakking`. */
  id: string
  draft: SanityDocument | null
  published: SanityDocument | null
}

/** A transaction id of our own, so the review can name the revision it makes: a document's `_rev` is the id of the transaction that last wrote it. */
function newTransactionId(): string {
  return crypto.randomUUID().replaceAll('-', '')
}

function reviewOf(document: SanityDocument): ReviewRecord {
  const review = document.review
  return typeof review === 'object' && review !== null ? (review as ReviewRecord) : {} // the schema's review object; only its fields are read
}

/** The review record for a check done today: reviewer, role, the date, the next check one interval later, and the revision this transaction makes. */
function reviewedRecord(document: SanityDocument, reviewer: Reviewer, transactionId: string, today: string): ReviewRecord & {_type: 'review'} {
  const current = reviewOf(document)
  const intervalMonths = reviewIntervalMonths(current)
  return {
    ...current,
    _type: 'review',
    intervalMonths,
    lastReviewed: today,
    nextReview: nextReviewAfter(today, intervalMonths),
    reviewedBy: reviewer.reviewedBy,
    reviewerRole: reviewer.reviewerRole,
    reviewedRevision: transactionId,
  }
}

/**
 * Records that a clinician checked the text on screen, and publishes exactly
 * that text, in one transaction whose id is stored as the reviewed revision:
 * the published document's `_rev` equals `review.reviewedRevision` until the
 * next write. With a draft, the draft is what was checked: it becomes the
 * published document with the review, and the draft goes. Without one, the
 * published document gets the review. `ifRevisionID` makes the transaction
 * fail if anyone saved in between, so a review never lands on a text the
 * clinician did not see. Resolves to the reviewed revision.
 */
export async function recordMedicalReview(client: SanityClient, versions: DocumentVersions, reviewer: Reviewer, today: string = isoDay()): Promise<string> {
  const checked = versions.draft ?? versions.published
  if (!checked) throw new Error(`${versions.id} has no text to review`)
  const transactionId = newTransactionId()
  const review = reviewedRecord(checked, reviewer, transactionId, today)
  const transaction = client.transaction()
  if (versions.draft) {
    const {_rev: draftRevision, _createdAt, _updatedAt, ...content} = versions.draft
    transaction.patch(versions.draft._id, (patch) => patch.ifRevisionId(draftRevision).set({review}))
    transaction.createOrReplace({...content, _id: versions.id, review})
    transaction.delete(versions.draft._id)
  } else {
    transaction.patch(checked._id, (patch) => patch.ifRevisionId(checked._rev).set({review}))
  }
  await transaction.commit({transactionId, visibility: 'sync'})
  return transactionId
}
