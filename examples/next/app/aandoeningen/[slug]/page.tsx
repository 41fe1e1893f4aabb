import {capitalizeFirst, toJsonLd} from '@bekkenbodem/content'
import type {Metadata} from 'next'
import Link from 'next/link'
import {notFound} from 'next/navigation'
import {JsonLd} from '../../../components/JsonLd'
import {RichText} from '../../../components/RichText'
import {conditionListPage, conditionPage} from '../../../sanity/conditions'
import {siteUrl} from '../../../sanity/env'

/** Every condition is prerendered; one added later renders on its first visit. */
export async function generateStaticParams() {
  const {total} = await conditionListPage(1, {forStaticParams: true})
  const slugs: {slug: string}[] = []
  for (let page = 1; slugs.length < total; page++) {
    const {items} = await conditionListPage(page, {forStaticParams: true})
    if (items.length === 0) break
    slugs.push(...items.map(({slug}) => ({slug})))
  }
  return slugs
}

export async function generateMetadata({params}: {params: Promise<{slug: string}>}): Promise<Metadata> {
  const page = await conditionPage((await params).slug, {stega: false})
  return page ? {title: page.title, description: page.summary ?? undefined} : {}
}

export default async function ConditionPage({params}: {params: Promise<{slug: string}>}) {
  const {slug} = await params
  const page = await conditionPage(slug)
  if (!page) notFound()
  const url = `${siteUrl}/aandoeningen/${page.slug}`
  return (
    <article>
      <JsonLd data={toJsonLd(page, {url})} />
      <p className="group">{page.group.title}</p>
      <h1>{page.title}</h1>
      {page.summary ? <p className="summary">{page.summary}</p> : null}
      <RichText value={page.description} />
      {page.symptoms.length > 0 ? (
        <section>
          <h2>Klachten</h2>
          <RichText value={page.symptomsDescription} />
          <ul>
            {page.symptoms.map((symptom) => (
              <li key={symptom._id}>{capitalizeFirst(symptom.title)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {page.treatments.length > 0 ? (
        <section>
          <h2>Behandeling</h2>
          <ul>
            {page.treatments.map(({_key, treatment}) => (
              <li key={_key}>{capitalizeFirst(treatment.title)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {page.whenToSeekHelp ? (
        <section>
          <h2>Wanneer hulp zoeken?</h2>
          <RichText value={page.whenToSeekHelp} />
        </section>
      ) : null}
      {!page.review.lastReviewed ? (
        <p className="review">Nog niet medisch gecontroleerd.</p>
      ) : page.review.changedSinceReview ? (
        <p className="review">Gewijzigd sinds de medische controle van {page.review.lastReviewed}; nog niet opnieuw gecontroleerd.</p>
      ) : (
        <p className="review">
          Medisch gecontroleerd: {page.review.lastReviewed}, door {page.review.reviewedBy}, {page.review.reviewerRole}
        </p>
      )}
      <p>
        <Link href="/">Alle aandoeningen</Link>
      </p>
    </article>
  )
}
