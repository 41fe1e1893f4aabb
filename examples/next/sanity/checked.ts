import type {Contract} from '@bekkenbodem/content'

/**
 * A query result checked against the package's contract for it. sanityFetch
 * returns the query's TypeGen type without a check; the contract catches
 * content a page cannot show (a missing slug, an unknown review status) and
 * names the document to fix.
 */
export function checked<Result>(contract: Contract<Result>, data: unknown, queryName: string): Result {
  const issue = contract.check(data, [])
  if (issue) throw new Error(`${queryName}: ${issue.message} at ${issue.path.join('.') || 'the top'}`)
  // The contract has just confirmed the shape the type describes.
  return data as Result
}
