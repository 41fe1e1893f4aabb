/** Escapes text for use in HTML content and in quoted attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

/** A piece of HTML that is already safe to insert as is. */
export interface SafeHtml {
  readonly html: string
}

export function raw(html: string): SafeHtml {
  return {html}
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[]

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return ''
  if (Array.isArray(value)) return value.map(render).join('')
  if (typeof value === 'object') return (value as SafeHtml).html
  return escapeHtml(String(value))
}

/**
 * Template tag that escapes every interpolated string and number. Only
 * values made with `html` or `raw` pass through unescaped, so text from the
 * dataset can never inject markup.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '')
  })
  return {html: out}
}

/**
 * JSON for a `<script type="application/ld+json">` element. `<`, `>` and `&`
 * become \u escapes, so that no string in the data can close the script
 * element (`</script>`) or open a comment; the JSON value stays the same.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

const DUTCH_DATE = new Intl.DateTimeFormat('nl-NL', {day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'})

/** "2025-03-12" as `<time datetime="2025-03-12">12 maart 2025</time>`. */
export function dutchDate(isoDate: string): SafeHtml {
  const date = new Date(`${isoDate}T00:00:00Z`)
  const text = Number.isNaN(date.getTime()) ? isoDate : DUTCH_DATE.format(date)
  return html`<time datetime="${isoDate}">${text}</time>`
}
