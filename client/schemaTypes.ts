/**
 * The types Sanity TypeGen generates from the Studio schema (`npm run
 * typegen`): every document and object type (`Condition`, `Symptom`,
 * `Treatment`, `RichText`, …), the union `AllSanitySchemaTypes`, and the result
 * types of the package's queries. Published as `@bekkenbodem/content/types`,
 * for a team that writes its own queries. These are the stored documents; the
 * main entry's types of the same names are what the client's queries return.
 */
export type * from '../sanity.types'
