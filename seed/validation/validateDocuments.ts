import {createSchema, validateDocument, type SanityDocument, type ValidationMarker, type Workspace} from 'sanity'
import {schemaTypes} from '../../schemas'
import {createDatasetClient, type DatasetDocument} from './datasetClient'

export type {ValidationMarker}

export interface DocumentValidation {
  documentId: string
  documentType: string
  markers: ValidationMarker[]
}

let cachedSchema: ReturnType<typeof createSchema> | undefined

/** The compiled Studio schema; compiling takes a moment, so it is done once. */
export function studioSchema(): ReturnType<typeof createSchema> {
  cachedSchema ??= createSchema({name: 'bekkenbodem', types: schemaTypes})
  return cachedSchema
}

/**
 * Validates documents with the same rules the Studio shows editors. Rules that
 * look things up (slug uniqueness, reference types, references that must
 * exist) see `dataset`, which defaults to the documents being validated.
 */
export async function validateDocuments(documents: readonly DatasetDocument[], dataset: readonly DatasetDocument[] = documents): Promise<DocumentValidation[]> {
  const client = createDatasetClient(dataset)
  const existing = new Set(dataset.map((document) => document._id))
  // validateDocument reads only `schema`, `getClient` and `i18n` from the
  // workspace; without `i18n` it falls back to its built-in English messages.
  const workspace = {schema: studioSchema(), getClient: () => client} as unknown as Workspace
  const results: DocumentValidation[] = []
  for (const document of documents) {
    const markers = await validateDocument({
      document: document as SanityDocument,
      workspace,
      // 'studio' gives exactly the levels editors see. Under 'cli', Sanity
      // appends an unknown-fields check with .warning() to every object-level
      // rule, which turns errors such as a duplicate slug into warnings.
      environment: 'studio',
      getDocumentExists: async ({id}) => existing.has(id),
    })
    results.push({documentId: document._id, documentType: document._type, markers})
  }
  return results
}

/** A marker path as editors and GROQ write it: `related[_key=="r1"].condition`. */
export function formatPath(path: ValidationMarker['path']): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`
      if (typeof segment === 'string') return index === 0 ? segment : `.${segment}`
      if ('_key' in segment) return `[_key=="${segment._key}"]`
      return `[${segment.join(':')}]`
    })
    .join('')
}
