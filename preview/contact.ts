import {html, type SafeHtml} from './html'

/** The practice's contact details, as the practice filled them in. */
export const PRACTICE_QUERY = `*[_type == "practice"] | order(_id asc) [0] {name, phone, address, openingHours, whenToCall}`

interface Practice {
  name?: string
  phone?: string
  address?: string
  openingHours?: string
  whenToCall?: string
}

function filled(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function practiceOf(result: unknown): Practice {
  const value = typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : {}
  return {name: filled(value.name), phone: filled(value.phone), address: filled(value.address), openingHours: filled(value.openingHours), whenToCall: filled(value.whenToCall)}
}

/** Text with its line breaks kept: an address or opening hours as the practice wrote them. */
function lines(text: string): SafeHtml {
  return html`${text.split(/\r?\n/u).map((line, index) => html`${index > 0 ? html`<br>` : null}${line}`)}`
}

/**
 * "Contact": whom to call, from the practice's own document. Only what the
 * practice filled in is shown, and nothing at all when it filled in nothing:
 * the leaflet names no practice, and the site invents none.
 */
export function contactBlock(result: unknown): SafeHtml | null {
  const practice = practiceOf(result)
  if (!practice.name && !practice.phone && !practice.address && !practice.openingHours && !practice.whenToCall) return null
  const dialable = practice.phone?.replace(/[^\d+]/gu, '')
  return html`<section aria-labelledby="contact" class="contact"><h2 id="contact">Contact</h2>
${practice.name ? html`<p class="contact-name">${practice.name}</p>` : null}
${practice.whenToCall ? html`<p>${lines(practice.whenToCall)}</p>` : null}
<dl class="review">
${practice.phone ? html`<dt>Telefoon</dt><dd><a href="tel:${dialable}">${practice.phone}</a></dd>` : null}
${practice.address ? html`<dt>Adres</dt><dd>${lines(practice.address)}</dd>` : null}
${practice.openingHours ? html`<dt>Openingstijden</dt><dd>${lines(practice.openingHours)}</dd>` : null}
</dl>
</section>`
}
