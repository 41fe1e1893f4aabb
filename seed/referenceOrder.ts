import {referencesIn} from './integrity'

/**
 * Transactions that a Content Lake keeping referential integrity accepts one
 * after another: a document is written in the same transaction as the
 * documents it references, or after them. Documents that reference each other
 * (a cycle) share one transaction. Within that rule, documents keep their
 * order and transactions are filled up to `batchSize`.
 */
export function batchesInReferenceOrder<Item>(items: readonly Item[], documentOf: (item: Item) => {_id: string}, batchSize: number): Item[][] {
  const byId = new Map(items.map((item) => [documentOf(item)._id, item]))
  const targets = new Map(items.map((item) => [documentOf(item)._id, [...new Set(referencesIn(documentOf(item), '', []).map(({ref}) => ref))].filter((ref) => byId.has(ref))]))
  const components = stronglyConnected([...byId.keys()], (id) => targets.get(id) ?? [])
  const batches: Item[][] = []
  let current: Item[] = []
  // Tarjan's algorithm yields a component only after every component it references: dependencies come first.
  for (const component of components) {
    if (component.length > batchSize) {
      throw new Error(
        `${component.length} documents reference each other in a cycle (${component.slice(0, 5).join(', ')}${component.length > 5 ? ', …' : ''}); they must be written in one transaction, but a transaction holds at most ${batchSize} mutations.`,
      )
    }
    if (current.length + component.length > batchSize) {
      batches.push(current)
      current = []
    }
    for (const id of component) current.push(byId.get(id) as Item) // every id in a component came from byId
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** Tarjan's strongly connected components, each listed once, a component after all those it reaches. Iterative, so a long chain cannot overflow the stack. */
function stronglyConnected(nodes: readonly string[], edges: (node: string) => readonly string[]): string[][] {
  const position = new Map(nodes.map((node, index) => [node, index]))
  const indexOf = new Map<string, number>()
  const lowLink = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  let counter = 0
  for (const start of nodes) {
    if (indexOf.has(start)) continue
    const work: Array<{node: string; next: number}> = [{node: start, next: 0}]
    indexOf.set(start, counter)
    lowLink.set(start, counter++)
    stack.push(start)
    onStack.add(start)
    while (work.length > 0) {
      const frame = work[work.length - 1]!
      const neighbours = edges(frame.node)
      if (frame.next < neighbours.length) {
        const neighbour = neighbours[frame.next++]!
        if (!indexOf.has(neighbour)) {
          indexOf.set(neighbour, counter)
          lowLink.set(neighbour, counter++)
          stack.push(neighbour)
          onStack.add(neighbour)
          work.push({node: neighbour, next: 0})
        } else if (onStack.has(neighbour)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, indexOf.get(neighbour)!))
        }
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!))
      if (lowLink.get(frame.node) === indexOf.get(frame.node)) {
        const component: string[] = []
        let member: string
        do {
          member = stack.pop()!
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.node)
        // Keep the input order inside a component.
        components.push(component.sort((a, b) => position.get(a)! - position.get(b)!))
      }
    }
  }
  return components
}
