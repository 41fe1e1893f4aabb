import {LIST_TAGS} from '@bekkenbodem/content'
import type {Metadata} from 'next'
import {draftMode} from 'next/headers'
import Link from 'next/link'
import {draftContent, publishedContent} from '../../sanity/content'

export const metadata: Metadata = {title: 'Zoeken'}

const TYPE_TITLES = {condition: 'Aandoening', symptom: 'Klacht', treatment: 'Behandeling'} as const

/** Where a hit's page is on this site; only conditions have pages here. */
function hrefOf(type: keyof typeof TYPE_TITLES, slug: string): string | null {
  return type === 'condition' ? `/aandoeningen/${slug}` : null
}

/**
 * Search through the package's client: it sends each word in every accented
 * spelling and ranks title hits first, which one fixed query for sanityFetch
 * could not do. The page depends on the words asked, so it renders per request.
 */
export default async function SearchPage({searchParams}: {searchParams: Promise<{q?: string | string[]}>}) {
  const {q} = await searchParams
  const text = typeof q === 'string' ? q.trim() : ''
  const content = (await draftMode()).isEnabled && draftContent ? draftContent : publishedContent
  const hits = text === '' ? [] : await content.search(text, {limit: 20, tags: [LIST_TAGS.search]})
  return (
    <section>
      <h1>Zoeken</h1>
      <form action="/zoeken" role="search">
        <label htmlFor="q">Zoek op aandoening, klacht of behandeling</label> <input id="q" name="q" type="search" defaultValue={text} /> <button type="submit">Zoeken</button>
      </form>
      {text === '' ? null : (
        <>
          <p>
            {hits.length === 0 ? 'Geen resultaten' : `${hits.length} ${hits.length === 1 ? 'resultaat' : 'resultaten'}`} voor “{text}”
          </p>
          <ul className="cards">
            {hits.map((hit) => {
              const href = hrefOf(hit._type, hit.slug)
              return (
                <li key={hit._id}>
                  <p className="group">{TYPE_TITLES[hit._type]}</p>
                  <h2>{href ? <Link href={href}>{hit.title}</Link> : hit.title}</h2>
                  {hit.summary ? <p>{hit.summary}</p> : null}
                </li>
              )
            })}
          </ul>
        </>
      )}
    </section>
  )
}
