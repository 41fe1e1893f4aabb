import type {Metadata} from 'next'
import {draftMode} from 'next/headers'
import Link from 'next/link'
import type {ReactNode} from 'react'
import {SanityLive} from '../sanity/live'
import './site.css'

export const metadata: Metadata = {
  title: {default: 'Bekkenbodem', template: '%s | Bekkenbodem'},
  description: 'Patiënteninformatie over bekkenbodemklachten',
}

export default async function RootLayout({children}: {children: ReactNode}) {
  const {isEnabled: drafts} = await draftMode()
  return (
    <html lang="nl">
      <body>
        {drafts ? (
          <p className="draft-mode" role="status">
            Conceptweergave: u ziet ook niet-gepubliceerde wijzigingen. <a href="/api/draft-mode/disable">Stoppen</a>
          </p>
        ) : null}
        <header>
          <nav aria-label="Hoofdmenu">
            <Link href="/">Aandoeningen</Link> <Link href="/zoeken">Zoeken</Link>
          </nav>
        </header>
        <main>{children}</main>
        <SanityLive />
      </body>
    </html>
  )
}
