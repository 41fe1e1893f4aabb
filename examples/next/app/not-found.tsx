import Link from 'next/link'

export default function NotFound() {
  return (
    <section>
      <h1>Pagina niet gevonden</h1>
      <p>
        <Link href="/">Naar alle aandoeningen</Link>
      </p>
    </section>
  )
}
