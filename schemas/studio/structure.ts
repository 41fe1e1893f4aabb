import type {StructureBuilder, StructureResolver} from 'sanity/structure'
import {CalendarIcon, CheckmarkCircleIcon, DocumentTextIcon, FolderIcon, HomeIcon} from '@sanity/icons'
import {CONDITION_IN_GROUP_TEMPLATE} from './templates'
import {REVIEWED_TYPES} from '../reviewStatus'

/** The document types that have their own entry, in the order editors work through them. */
const LISTED_TYPES: Array<{type: string; title: string}> = [
  {type: 'cause', title: 'Oorzaken'},
  {type: 'riskFactor', title: 'Risicofactoren'},
  {type: 'symptom', title: 'Klachten'},
  {type: 'treatment', title: 'Behandelingen'},
  {type: 'treatmentComponent', title: 'Onderdelen'},
  {type: 'bodyPart', title: 'Lichaamsdelen'},
  {type: 'source', title: 'Bronnen'},
  {type: 'glossaryTerm', title: 'Moeilijke woorden'},
]

/** The one practice document: its contact details are on every page, so there is one, edited in place. */
const PRACTICE_DOCUMENT_ID = 'practice-contact'

/** The GROQ API version the Studio's custom lists are written against. */
const LIST_API_VERSION = '2025-02-19'

function conditionsByGroup(S: StructureBuilder) {
  return S.listItem()
    .id('conditions')
    .title('Aandoeningen')
    .icon(DocumentTextIcon)
    .child(
      S.documentTypeList('conditionGroup')
        .title('Aandoeningen per onderwerp')
        .defaultOrdering([{field: 'order', direction: 'asc'}])
        .child((groupId) =>
          S.documentList()
            .id(`conditions-in-${groupId}`)
            .title('Aandoeningen')
            .schemaType('condition')
            .apiVersion(LIST_API_VERSION)
            .filter('_type == "condition" && group._ref == $groupId')
            .params({groupId})
            .defaultOrdering([{field: 'title', direction: 'asc'}])
            .initialValueTemplates([S.initialValueTemplateItem(CONDITION_IN_GROUP_TEMPLATE, {groupId})]),
        ),
    )
}

/**
 * Every text without a current medical check: never checked, changed since
 * its check (the review recorded a revision and the document has moved on),
 * or its next check's date has come. ISO dates compare with now() as strings,
 * so a date is due from its own day on, as on the page and in the badge.
 */
const REVIEW_DUE_FILTER = '_type in $types && (!defined(review.reviewedRevision) || _rev != review.reviewedRevision || !defined(review.nextReview) || review.nextReview <= now())'

function reviewDue(S: StructureBuilder) {
  return S.listItem()
    .id('review-due')
    .title('Controle nodig')
    .icon(CalendarIcon)
    .child(() =>
      S.documentList()
        .id('review-due-list')
        .title('Controle nodig')
        .apiVersion(LIST_API_VERSION)
        .filter(REVIEW_DUE_FILTER)
        .params({types: REVIEWED_TYPES})
        .defaultOrdering([{field: 'review.nextReview', direction: 'asc'}]),
    )
}

/** Documents with a code or a figure that no clinician has approved yet. */
// The Studio reads the list's document types from a leading `_type in $types`; without it the list cannot search and shows an error.
const VALUES_AWAITING_REVIEW_FILTER =
  '_type in $types && ((_type == "condition" && (count(codes[valueReview.status != $approved]) > 0 || (defined(prevalence) && prevalence.valueReview.status != $approved))) || (_type == "glossaryTerm" && valueReview.status != $approved))'

/**
 * Codes and figures without a source of their own wait for a clinician
 * before any page shows them: this list is what that check still has to do.
 */
function valuesAwaitingReview(S: StructureBuilder) {
  return S.listItem()
    .id('values-awaiting-review')
    .title('Codes, cijfers en uitleg ter controle')
    .icon(CheckmarkCircleIcon)
    .child(() =>
      S.documentList()
        .id('values-awaiting-review-list')
        .title('Codes, cijfers en uitleg ter controle')
        .apiVersion(LIST_API_VERSION)
        .filter(VALUES_AWAITING_REVIEW_FILTER)
        .params({types: ['condition', 'glossaryTerm'], approved: 'approved'})
        // No ordering by title: a glossary entry has none (its name is `term`), and the Studio cannot sort a list by a field one of its types lacks.
        .defaultOrdering([{field: '_type', direction: 'asc'}]),
    )
}

export const structure: StructureResolver = (S) =>
  S.list()
    .title('Inhoud')
    .items([
      conditionsByGroup(S),
      S.documentTypeListItem('conditionGroup').title('Onderwerpen').icon(FolderIcon),
      S.divider(),
      ...LISTED_TYPES.map(({type, title}) => S.documentTypeListItem(type).title(title)),
      S.divider(),
      reviewDue(S),
      valuesAwaitingReview(S),
      S.divider(),
      S.listItem().id('practice').title('Praktijk en contact').icon(HomeIcon).child(S.document().schemaType('practice').documentId(PRACTICE_DOCUMENT_ID)),
    ])
