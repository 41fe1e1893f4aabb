// Everything the package exports besides createContentClient, shared by the Node and browser entries.
export {toJsonLd, toMedicalCondition, type JsonLdOptions} from './jsonLd'
export {toHtml, toPlainText} from './portableText'
export {ContentConfigurationError, ContentRequestError, ContentValidationError} from './errors'
export {foldForSearch, type ContentClient, type ContentClientOptions} from './contentClient'
export {DEFAULT_API_VERSION, type SanityBackendOptions} from './backends/sanity'
export type {ContentPerspective} from './backends/backend'
export {SYMPTOM_CATEGORY_TITLES} from './symptomCategories'
export * from './contracts/index'
