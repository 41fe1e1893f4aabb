import type {ConditionGroup} from '../client/contracts/conditionGroup'
import type {ConditionPage} from '../client/contracts/conditionPage'
import type {ContentPage} from '../client/contracts/page'
import type {ConditionCard} from '../client/contracts/shared'
import type {SymptomGroup} from '../client/contracts/symptom'
import type {TreatmentPage} from '../client/contracts/treatment'
import type {InternalLinkTarget, RichText} from '../client/contracts/richText'

/** What the preview site reads from the content client; the typed client's embedded backend provides it. */
export interface PreviewContent {
  listConditionGroups(): Promise<ContentPage<ConditionGroup>>
  getCondition(slug: string): Promise<ConditionPage | null>
  getTreatment(slug: string): Promise<TreatmentPage | null>
  listSymptoms(): Promise<ContentPage<SymptomGroup>>
  findConditionsBySymptom(symptomSlug: string): Promise<{conditions: ConditionCard[]} | null>
  /** Raw GROQ, for pages whose query has no client function; the caller checks the result. */
  fetch(query: string, params?: Record<string, unknown>): Promise<unknown>
}

/** The client's renderers: rich text to escaped HTML, and a condition or treatment page to schema.org JSON-LD. */
export interface PreviewRenderers {
  toHtml(text: RichText, options: {internalHref: (target: InternalLinkTarget) => string}): string
  toJsonLd(page: ConditionPage, options: {url: string}): unknown
  treatmentToJsonLd(page: TreatmentPage, options: {url: string}): unknown
}
