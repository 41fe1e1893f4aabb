import type {Rule, UrlRule} from 'sanity'
import {linkTextProblem} from './linkText'
import {blockLinks} from './portableText'

/**
 * An external link goes over https only: an http page can be changed on the
 * way, and other schemes (javascript:, mailto:) are no place to send a
 * patient. One rule with one message: the url type's own address check is
 * part of every rule made from it, so a separate "required" message would
 * also be shown for a wrong address.
 */
export function httpsOnly(rule: UrlRule) {
  return rule
    .required()
    .uri({scheme: ['https']})
    .error('Geef het webadres waar de link naartoe gaat, beginnend met https://. Andere adressen (http://, javascript: of mailto:) zijn niet toegestaan.')
}

/** Every link in a rich text field has a text that says where it goes; the problem is shown at the paragraph. */
export function linkTextsMustSayWhereTheyGo(rule: Rule) {
  return rule.custom((value: unknown[] | undefined) => {
    for (const link of blockLinks(value)) {
      const problem = linkTextProblem(link.text)
      if (problem) return link.blockKey ? {message: problem, path: [{_key: link.blockKey}]} : problem
    }
    return true
  })
}
