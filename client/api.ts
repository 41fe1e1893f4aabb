// Everything the package exports besides createContentClient, shared by the Node and browser entries.
export {toJsonLd, toMedicalCondition, treatmentToJsonLd, type JsonLdOptions} from './jsonLd'
export {toHtml, toPlainText, type InternalHref, type ToHtmlOptions} from './portableText'
export {ContentConfigurationError, ContentRequestError, ContentValidationError} from './errors'
export {parseResult} from './validate'
export {
  type ContentClient,
  type ContentClientOptions,
  type ListOptions,
  type QueryResult,
  type RequestOptions,
  type SearchOptions,
  type SubscribeCallbacks,
  type Unsubscribe,
} from './contentClient'
export {foldForSearch} from './search/words'
export {cacheTagsForWebhook, LIST_TAGS, pageTag, SHARED_TAGS, WEBHOOK_PROJECTION, type PageType} from './cacheTags'
export {DEFAULT_API_VERSION, type SanityBackendOptions} from './backends/sanity'
export type {ContentPerspective} from './backends/backend'
export {SYMPTOM_CATEGORY_TITLES} from './symptomCategories'
export {capitalizeFirst, dutchCollator, sortDutch, wholeSentences} from './displayText'
export * from './contracts/index'
