import type {ValidationMarker} from '@sanity/types'
import type {SeedDocument} from './draft'
import type {SeedProblem} from './build'
import {validateDocuments} from './validation/validateDocuments'

export interface ValidationReport {
  errors: SeedProblem[]
  warnings: SeedProblem[]
}

/** `description[_key=="p-1"].children[0].text` style, as the Studio names a field. */
export function formatMarkerPath(path: ValidationMarker['path']): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'string') out = out === '' ? segment : `${out}.${segment}`
    else if (typeof segment === 'number') out = `${out}[${segment}]`
    else if ('_key' in segment) out = `${out}[_key=="${segment._key}"]`
    else out = `${out}[${segment[0]}:${segment[1]}]`
  }
  return out === '' ? '(document)' : out
}

/** Runs the Studio's own rules over every document; the rest of the dataset is visible to reference and slug checks. */
export async function validateSeed(documents: readonly SeedDocument[]): Promise<ValidationReport> {
  const results = await validateDocuments(documents)
  const report: ValidationReport = {errors: [], warnings: []}
  for (const result of results) {
    for (const marker of result.markers) {
      const problem = {documentId: result.documentId, path: formatMarkerPath(marker.path), message: marker.message}
      if (marker.level === 'error') report.errors.push(problem)
      else if (marker.level === 'warning') report.warnings.push(problem)
    }
  }
  return report
}
