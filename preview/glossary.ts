import type {AdditionMarks} from './additions'
import {NO_EDIT_TARGETS, type EditTargets} from './editTargets'
import {html, raw, type SafeHtml} from './html'

/** Only explanations a clinician has checked reach a page. */
export const GLOSSARY_QUERY = `*[_type == "glossaryTerm" && valueReview.status == "approved"] | order(term asc) {_id, term, "forms": coalesce(forms, []), explanation}`

interface Term {
  _id: string
  term: string
  forms: string[]
  explanation: string
}

function isTerm(value: unknown): value is Term {
  const term = value as Partial<Term> | null
  return (
    typeof term === 'object' && term !== null && typeof term._id === 'string' && typeof term.term === 'string' && typeof term.explanation === 'string' && Array.isArray(term.forms)
  )
}

/** Elements whose text is not running text: a word there is not linked (a link in a link, or a heading). */
const SKIPPED = /^(a|h1|h2|h3|h4|dt|script|style|code)$/u

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')

/**
 * Difficult words explained: the first use of each word on a page links to
 * its explanation, which a section "Moeilijke woorden" at the end of the
 * page gives, marked as the editors' addition.
 */
export class Glossary {
  private readonly terms: Term[]

  constructor(result: unknown) {
    this.terms = Array.isArray(result) ? result.filter(isTerm) : []
  }

  /** The page's body with the first use of each word linked, and the explanations of the words it uses. */
  apply(body: SafeHtml, marks: AdditionMarks, edit: EditTargets = NO_EDIT_TARGETS): {body: SafeHtml; explanations: SafeHtml | null} {
    if (this.terms.length === 0) return {body, explanations: null}
    const used = new Set<Term>()
    const skipping: string[] = []
    const tokens = body.html.split(/(<[^>]+>)/u)
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index] ?? ''
      const tag = /^<(\/?)([a-z0-9]+)/iu.exec(token)
      if (tag) {
        const name = (tag[2] ?? '').toLowerCase()
        if (SKIPPED.test(name)) {
          if (tag[1] === '/') skipping.pop()
          else skipping.push(name)
        }
        continue
      }
      if (skipping.length > 0 || token.trim() === '') continue
      tokens[index] = this.linkFirstUses(token, used)
    }
    if (used.size === 0) return {body, explanations: null}
    const list = this.terms.filter((term) => used.has(term))
    return {
      body: raw(tokens.join('')),
      explanations: html`<section aria-labelledby="uitleg" class="glossary"><h2 id="uitleg">Moeilijke woorden</h2>
<dl>${list.map((term) => html`<dt id="${anchorOf(term)}"${edit.attr(term._id, 'glossaryTerm', 'term')}>${term.term}</dt><dd${edit.attr(term._id, 'glossaryTerm', 'explanation')}>${marks.mark(term._id, 'explanation', term.explanation)}</dd>`)}</dl>
</section>`,
    }
  }

  private linkFirstUses(text: string, used: Set<Term>): string {
    let result = text
    for (const term of this.terms) {
      if (used.has(term)) continue
      const forms = [term.term, ...term.forms].sort((a, b) => b.length - a.length).map(escapeRegExp)
      const pattern = new RegExp(`(?<![\\p{L}])(${forms.join('|')})(?![\\p{L}])`, 'iu')
      const match = pattern.exec(result)
      if (!match) continue
      used.add(term)
      const at = match.index
      result = `${result.slice(0, at)}<a class="term" href="#${anchorOf(term)}">${match[0]}</a>${result.slice(at + match[0].length)}`
    }
    return result
  }
}

function anchorOf(term: Term): string {
  return `uitleg-${term._id.replace(/^glossaryTerm-/u, '')}`
}
