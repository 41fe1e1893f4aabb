import type {SeedDocument} from './draft'
import type {SeedProblem} from './build'
import {formatPath, validateDocuments} from './validation/validateDocuments'

export interface ValidationReport {
  errors: SeedProblem[]
  warnings: SeedProblem[]
}

/** Runs the Studio's own rules over every document; the rest of the dataset is visible to reference and slug checks. */
export async function validateSeed(documents: readonly SeedDocument[]): Promise<ValidationReport> {
  const results = await validateDocuments(documents)
  const report: ValidationReport = {errors: [], warnings: []}
  for (const result of results) {
    for (const marker of result.markers) {
      const problem = {documentId: result.documentId, path: formatPath(marker.path) || '(document)', message: marker.message}
      if (marker.level === 'error') report.errors.push(problem)
      else if (marker.level === 'warning') report.warnings.push(problem)
    }
  }
  return report
}
