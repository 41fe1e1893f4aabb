import Link from 'next/link'
import {notFound} from 'next/navigation'
import {conditionListPage} from '../sanity/conditions'

/** A page of condition cards, with links to the other pages. */
export async function ConditionList({page}: {page: number}) {
  const {items, total, pages} = await conditionListPage(page)
  if (page > pages) notFound()
  const href = (target: number) => (target === 1 ? '/' : `/pagina/${target}`)
  return (
    <section aria-labelledby="aandoeningen">
      <h1 id="aandoeningen">Aandoeningen</h1>
      <p>
        {total} aandoeningen, pagina {page} van {pages}
      </p>
      <ul className="cards">
        {items.map((condition) => (
          <li key={condition._id}>
            <h2>
              <Link href={`/aandoeningen/${condition.slug}`}>{condition.title}</Link>
            </h2>
            <p className="group">{condition.group.title}</p>
            {condition.summary ? <p>{condition.summary}</p> : null}
          </li>
        ))}
      </ul>
      <nav aria-label="Paginering" className="paging">
        {page > 1 ? (
          <Link href={href(page - 1)} rel="prev">
            Vorige pagina
          </Link>
        ) : null}
        {page < pages ? (
          <Link href={href(page + 1)} rel="next">
            Volgende pagina
          </Link>
        ) : null}
      </nav>
    </section>
  )
}
