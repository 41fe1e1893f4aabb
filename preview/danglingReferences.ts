import type {DatasetSnapshot} from '../client/embedded/dataset'
import {referencedIds} from '../lake/store/documentRules'

/**
 * References on the public site that lead nowhere: a visitor's document
 * referring (weakly, or from before referential integrity) to a document a
 * visitor cannot see. The pages leave such references out; the log says so.
 */
function danglingReferences(snapshot: DatasetSnapshot): Array<{from: string; to: string}> {
  const view = snapshot.view('published', {anonymous: true})
  const found: Array<{from: string; to: string}> = []
  for (const document of view.documents) {
    for (const to of referencedIds(document, {includeWeak: true})) if (!view.byId.has(to)) found.push({from: document._id, to})
  }
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
