import type {DatasetSnapshot} from '../client/embedded/dataset'

/**
 * References on the public site that lead nowhere: a visitor's document
 * referring (weakly, or from before referential integrity) to a document a
 * visitor cannot see. The pages leave such references out; the log says so.
 */
function danglingReferences(snapshot: DatasetSnapshot): Array<{from: string; to: string}> {
  const view = snapshot.view('published', {anonymous: true})
  const found: Array<{from: string; to: string}> = []
  const visit = (value: unknown, from: string, seen: Set<string>): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, from, seen)
      return
    }
    if (typeof value !== 'object' || value === null) return
    const ref = (value as {_ref?: unknown})._ref
    if (typeof ref === 'string' && !view.byId.has(ref) && !seen.has(ref)) {
      seen.add(ref)
      found.push({from, to: ref})
    }
    for (const item of Object.values(value)) visit(item, from, seen)
  }
  for (const document of view.documents) visit(document, document._id, new Set())
  return found
}

/** Logs each dangling reference once, when it first appears in a version. */
export function danglingReferenceReporter(log: (message: string) => void = console.warn): (snapshot: DatasetSnapshot) => void {
  let reported = new Set<string>()
  return (snapshot) => {
    const current = new Set<string>()
    for (const {from, to} of danglingReferences(snapshot)) {
      const key = `${from}\u0000${to}`
      current.add(key)
      if (!reported.has(key)) log(`Preview: ${from} refers to ${to}, which no visitor can see (deleted, unpublished or private); its page leaves it out.`)
    }
    reported = current
  }
}
