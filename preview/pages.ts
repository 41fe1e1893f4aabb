import type {ConditionGroup} from '../client/contracts/conditionGroup'
import type {ConditionPage, MedicalCode, Prevalence} from '../client/contracts/conditionPage'
import type {Review, Source} from '../client/contracts/shared'
import type {InternalLinkTarget, RichText} from '../client/contracts/richText'
import type {ConditionCard} from '../client/contracts/shared'
import {capitalizeFirst, sortDutch} from '../client/displayText'
import {toPlainText} from '../client/portableText'
import type {SymptomGroup} from '../client/contracts/symptom'
import type {TreatmentComponent, TreatmentPage} from '../client/contracts/treatment'
import type {PreviewRenderers} from './content'
import {dutchDate, html, jsonForScript, raw, type SafeHtml} from './html'
import {layout} from './layout'
import {isReviewDue} from '../schemas/reviewStatus'
import {reviewerRoleTitle} from '../schemas/reviewerRoles'
import type {AdditionMarks} from './additions'
import type {Glossary} from './glossary'
import type {EditTargets} from './editTargets'

const conditionPath = (slug: string) => `/aandoeningen/${encodeURIComponent(slug)}`
const treatmentPath = (slug: string) => `/behandelingen/${encodeURIComponent(slug)}`
const internalHref = (target: InternalLinkTarget) => (target._type === 'condition' ? conditionPath(target.slug) : treatmentPath(target.slug))

function richText(renderers: PreviewRenderers, text: RichText | null | undefined): SafeHtml | null {
  // toHtml escapes all text and every href itself (a documented guarantee of the client).
  return text && text.length > 0 ? raw(renderers.toHtml(text, {internalHref})) : null
}

/**
 * Lists without an editorial order (conditions, complaints, body parts,
 * sources) are in Dutch alphabetical order; lists in the order of the text
 * (causes, treatment components) keep it.
 */
function byTitle<Item extends {title: string}>(items: readonly Item[]): Item[] {
  return sortDutch(items, (item) => item.title)
}

function conditionCardList(cards: readonly ConditionCard[], marks: AdditionMarks, edit: EditTargets): SafeHtml {
  return html`<ul class="cards">${byTitle(cards).map(
    (card) =>
      html`<li><a href="${conditionPath(card.slug)}"${edit.attr(card._id, 'condition', 'title')}>${marks.mark(card._id, 'title', card.title)}</a><p${edit.attr(card._id, 'condition', 'summary')}>${card.summary}</p></li>`,
  )}</ul>`
}

/** A link to a condition, its name marked when the editors gave it. */
function conditionLink(condition: ConditionCard, marks: AdditionMarks, edit: EditTargets): SafeHtml {
  return html`<a href="${conditionPath(condition.slug)}"${edit.attr(condition._id, 'condition', 'title')}>${marks.mark(condition._id, 'title', condition.title)}</a>`
}

export function indexPage(groups: readonly ConditionGroup[], renderers: PreviewRenderers, marks: AdditionMarks, edit: EditTargets): string {
  return layout({
    title: 'Aandoeningen',
    description: 'Informatie over bekkenbodemklachten, per onderwerp.',
    body: html`<h1>Aandoeningen</h1>
<p class="lead">Kies een aandoening, of bekijk de <a href="/klachten">klachten</a> en bij welke aandoeningen de folder ze noemt.</p>
${groups.map(
  (group) => html`<section aria-labelledby="group-${group.slug}">
<h2 id="group-${group.slug}"${edit.attr(group._id, 'conditionGroup', 'title')}>${marks.mark(group._id, 'title', group.title)}</h2>
${edit.wrap(group._id, 'conditionGroup', 'intro', richText(renderers, group.intro))}
${group.conditions.length > 0 ? conditionCardList(group.conditions, marks, edit) : html`<p>Nog geen aandoeningen onder dit onderwerp.</p>`}
</section>`,
)}
${marks.legend()}`,
  })
}

/**
 * The components in their editorial order, each shown once: its full text
 * when it has one (the title is then its opening), otherwise its title. A
 * bulleted list, as in the leaflet: numbers would suggest fixed steps.
 */
function componentList(components: readonly TreatmentComponent[], edit: EditTargets): SafeHtml {
  return html`<ul class="components">${components.map(
    (component) =>
      html`<li${edit.attr(component._id, 'treatmentComponent', component.description ? 'description' : 'title')}>${capitalizeFirst(component.description ?? component.title)}</li>`,
  )}</ul>`
}

/** "WHO ICD-10 (2019)": the system by its full name, so that WHO ICD-10 and the American ICD-10-CM are not taken for one another. */
function codeSystemName(code: MedicalCode): string {
  const system = code.system === 'ICD-10' ? 'WHO ICD-10' : code.system
  return code.version ? `${system} (${code.version})` : system
}

function prevalenceSection(prevalence: Prevalence | null, documentId: string, edit: EditTargets): SafeHtml | null {
  if (!prevalence) return null
  return html`<section aria-labelledby="prevalence"><h2 id="prevalence">Hoe vaak komt het voor</h2><p${edit.attr(documentId, 'condition', 'prevalence.statement')}>${prevalence.statement}</p></section>`
}

/** Every text of the page's body, to tell whether the summary would repeat one of them. */
function bodyTexts(page: ConditionPage): string[] {
  return [
    toPlainText(page.description),
    page.causesIntroduction ?? '',
    toPlainText(page.symptomsDescription),
    toPlainText(page.whenToSeekHelp),
    page.prevalence?.statement ?? '',
    ...page.causes.map((cause) => cause.description),
    ...page.treatments.map(({goals}) => toPlainText(goals)),
    ...page.related.map(({distinction}) => toPlainText(distinction)),
  ].map((text) => text.replace(/\s+/gu, ' '))
}

/**
 * The summary is written for cards and search results. On the page it leads
 * only when the body does not already say it; otherwise the patient would
 * read the same sentence twice.
 */
function leadOf(page: ConditionPage, edit: EditTargets): SafeHtml | null {
  const summary = page.summary.trim()
  return bodyTexts(page).some((text) => text.includes(summary)) ? null : html`<p class="lead"${edit.attr(page._id, 'condition', 'summary')}>${summary}</p>`
}

/**
 * The review status in words, right under the title, so that a reader knows
 * before reading whether a clinician has checked the text. An import is not a
 * review: until a clinician has checked the text, the page says so and names
 * no reviewer or date. A text edited after its check says so too, until it is
 * checked again. Whether a check is due follows from the date, today.
 */
function reviewStatus(review: Review, documentId: string, marks: AdditionMarks, today: string): SafeHtml {
  return html`<div class="review-block">${reviewDetails(review, documentId, marks, today)}</div>`
}

function reviewDetails(review: Review, documentId: string, marks: AdditionMarks, today: string): SafeHtml {
  const nextReview = marks.mark(documentId, 'review.nextReview', dutchDate(review.nextReview))
  const due = isReviewDue(review.nextReview, today)
  if (!review.lastReviewed || !review.reviewedBy) {
    return html`<p class="review-status"><strong>Nog niet medisch gecontroleerd.</strong>${due ? html` De controle die gepland stond vóór ${nextReview}, heeft nog niet plaatsgevonden.` : null}</p>
${due ? null : html`<dl class="review"><dt>Medische controle gepland</dt><dd>vóór ${nextReview}</dd></dl>`}`
  }
  const role = reviewerRoleTitle(review.reviewerRole)
  const reviewer = role ? `${review.reviewedBy}, ${role}` : review.reviewedBy
  const lastReviewed = dutchDate(review.lastReviewed)
  return html`${review.changedSinceReview ? html`<p class="review-status"><strong>Gewijzigd sinds de medische controle.</strong> De tekst is aangepast na de controle van ${lastReviewed} en nog niet opnieuw gecontroleerd.</p>` : null}
${due ? html`<p class="review-status"><strong>Een nieuwe medische controle is nodig.</strong></p>` : null}
<dl class="review">
<dt>${review.changedSinceReview ? 'Laatste medische controle' : 'Medisch gecontroleerd'}</dt><dd>${lastReviewed}</dd>
<dt>Gecontroleerd door</dt><dd>${reviewer}</dd>
<dt>Volgende controle</dt><dd>${nextReview}</dd>
</dl>`
}

function sourceList(sources: readonly Source[], marks: AdditionMarks, edit: EditTargets): SafeHtml {
  return html`<ul>${byTitle(sources).map((source) => {
    const title = marks.mark(source._id, 'title', source.title)
    return html`<li${edit.attr(source._id, 'source', 'title')}>${source.url ? html`<a href="${source.url}">${title}</a>` : title}${source.publisher ? html`, ${source.publisher}` : null}${source.date ? html` (${dutchDate(source.date)})` : null}</li>`
  })}</ul>`
}

/** What a condition or treatment page needs beside its document. */
export interface DetailPageOptions {
  /** The page's own address, for its JSON-LD. */
  url: string
  /** YYYY-MM-DD: whether the medical check is due follows from it. */
  today: string
  renderers: PreviewRenderers
  marks: AdditionMarks
  contact: SafeHtml | null
  glossary: Glossary
  edit: EditTargets
}

export function conditionPage(page: ConditionPage, options: DetailPageOptions): string {
  const {renderers, marks, edit} = options
  const id = page._id
  const jsonLd = jsonForScript(renderers.toJsonLd(page, {url: options.url}))
  const text = html`${page.alternativeNames.length > 0 ? html`<p class="also-known"${edit.attr(id, 'condition', 'alternativeNames')}>Ook wel: ${page.alternativeNames.join(', ')}</p>` : null}
${page.spellingVariants.length > 0 ? html`<p class="also-known"${edit.attr(id, 'condition', 'spellingVariants')}>Ook geschreven als: ${page.spellingVariants.join(', ')}</p>` : null}
${page.parent ? html`<p${edit.attr(id, 'condition', 'parent')}>Een soort <a href="${conditionPath(page.parent.slug)}">${page.parent.title.toLowerCase()}</a>.</p>` : null}
${leadOf(page, edit)}

<section aria-labelledby="description"><h2 id="description">Wat is het en hoe ontstaat het</h2>
${edit.wrap(id, 'condition', 'description', richText(renderers, page.description))}
</section>

${
  page.causes.length > 0
    ? html`<section aria-labelledby="causes"><h2 id="causes">Oorzaken</h2>
${page.causesIntroduction ? html`<p${edit.attr(id, 'condition', 'causesIntroduction')}>${page.causesIntroduction}</p>` : null}
<ul class="causes"${edit.attr(id, 'condition', 'causes')}>${page.causes.map((cause) => html`<li${edit.attr(cause._id, 'cause', 'description')}>${capitalizeFirst(cause.description)}</li>`)}</ul></section>`
    : null
}

${prevalenceSection(page.prevalence, id, edit)}

${
  page.symptomsDescription && page.symptomsDescription.length > 0
    ? html`<section aria-labelledby="symptoms"><h2 id="symptoms">Klachten</h2>
${edit.wrap(id, 'condition', 'symptomsDescription', richText(renderers, page.symptomsDescription))}
<p class="detail">Zoekt u een klacht? Bekijk <a href="/klachten">alle klachten</a> en bij welke aandoeningen de folder ze noemt.</p>
</section>`
    : null
}

${page.whenToSeekHelp ? html`<section aria-labelledby="help"><h2 id="help">Wanneer hulp zoeken</h2>${edit.wrap(id, 'condition', 'whenToSeekHelp', richText(renderers, page.whenToSeekHelp))}</section>` : null}

${
  page.treatments.length > 0
    ? html`<section aria-labelledby="treatment"><h2 id="treatment">Behandeling</h2>
${page.treatments.map(
  ({_key, treatment, goals}) => html`<section class="treatment">
${goals ? html`<h3>Doel bij ${page.title.toLowerCase()}</h3>${edit.wrap(id, 'condition', `treatments[_key=="${_key}"].goals`, richText(renderers, goals))}` : null}
<p class="treatment-link"${edit.attr(id, 'condition', `treatments[_key=="${_key}"].treatment`)}>Hoe de behandeling gaat: <a href="${treatmentPath(treatment.slug)}">${marks.mark(treatment._id, 'title', treatment.title)}</a></p>
</section>`,
)}
</section>`
    : null
}

${
  page.related.length > 0
    ? html`<section aria-labelledby="related"><h2 id="related">Verwante aandoeningen</h2>
${sortDutch(page.related, ({condition}) => condition.title).map(
  ({_key, condition, distinction}) =>
    html`<h3>${conditionLink(condition, marks, edit)}</h3>${edit.wrap(id, 'condition', `related[_key=="${_key}"].distinction`, richText(renderers, distinction))}`,
)}
</section>`
    : null
}`
  // The first use of a difficult word links to its explanation, given after the text.
  const explained = options.glossary.apply(text, marks, edit)
  const body = html`<nav class="breadcrumb" aria-label="Kruimelpad"><a href="/">Aandoeningen</a> › <a href="/#group-${page.group.slug}"${edit.attr(page.group._id, 'conditionGroup', 'title')}>${marks.mark(page.group._id, 'title', page.group.title)}</a></nav>
<article>
<h1${edit.attr(id, 'condition', 'title')}>${marks.mark(page._id, 'title', page.title)}</h1>
${reviewStatus(page.review, page._id, marks, options.today)}
${explained.body}
${explained.explanations}

${options.contact}

<section aria-labelledby="about" class="about"><h2 id="about">Over deze tekst</h2>
${
  page.bodyParts.length > 0
    ? html`<p>Gaat over: ${byTitle(page.bodyParts).map((part, index) => html`${index > 0 ? ', ' : ''}<span${edit.attr(part._id, 'bodyPart', 'title')}>${marks.mark(part._id, 'title', part.title)}</span>`)}.</p>`
    : null
}
${page.codes.length > 0 ? html`<h3>Medische codes</h3><ul class="codes">${page.codes.map((code) => html`<li${edit.attr(id, 'condition', `codes[_key=="${code._key}"].code`)}>${codeSystemName(code)}: <code>${marks.mark(page._id, `codes[_key=="${code._key}"].code`, code.code)}</code></li>`)}</ul>` : null}
<h3>Bronnen</h3>
${sourceList(page.sources, marks, edit)}
${marks.legend()}
</section>
</article>`
  return layout({title: page.title, description: page.summary, body, jsonLd})
}

export function treatmentPage(page: TreatmentPage, options: DetailPageOptions): string {
  const {renderers, marks, edit} = options
  const id = page._id
  const jsonLd = jsonForScript(renderers.treatmentToJsonLd(page, {url: options.url}))
  const text = html`<h2>Hoe de behandeling gaat</h2>
${edit.wrap(id, 'treatment', 'description', richText(renderers, page.description))}
${componentList(page.components, edit)}
${page.course ? html`<h2>Verloop</h2>${edit.wrap(id, 'treatment', 'course', richText(renderers, page.course))}` : null}
<h2>Wie geeft de behandeling</h2>
<p${edit.attr(id, 'treatment', 'provider')}>${page.provider}</p>
${
  page.conditions.length > 0
    ? html`<h2>Bij welke aandoeningen</h2>
<p>Wat de behandeling bij een aandoening wil bereiken, staat op de pagina van die aandoening.</p>
<ul class="conditions">${byTitle(page.conditions).map((condition) => html`<li>${conditionLink(condition, marks, edit)}</li>`)}</ul>`
    : null
}`
  const explained = options.glossary.apply(text, marks, edit)
  const body = html`<article>
<h1${edit.attr(id, 'treatment', 'title')}>${marks.mark(page._id, 'title', page.title)}</h1>
${reviewStatus(page.review, page._id, marks, options.today)}
${explained.body}
${explained.explanations}
${options.contact}
<section aria-labelledby="about" class="about"><h2 id="about">Over deze tekst</h2>
<h3>Bronnen</h3>
${sourceList(page.sources, marks, edit)}
${marks.legend()}
</section>
</article>`
  return layout({title: page.title, body, jsonLd})
}

export interface SymptomWithConditions {
  symptom: SymptomGroup['symptoms'][number]
  conditions: readonly ConditionCard[]
}

/**
 * Every complaint once, by its name: the full sentence it comes from stays on
 * the condition page, where it makes sense. Names start with a capital and
 * are in Dutch alphabetical order, as are the conditions after each.
 */
export function symptomsPage(
  groups: ReadonlyArray<{title: string; category: string; symptoms: readonly SymptomWithConditions[]}>,
  marks: AdditionMarks,
  edit: EditTargets,
): string {
  const body = html`<h1>Klachten</h1>
<p class="lead">Klachten per soort, met de aandoeningen waarbij de folder ze noemt.</p>
${groups.map(
  (group) => html`<section aria-labelledby="category-${group.category}"><h2 id="category-${group.category}">${group.title}</h2>
<ul class="symptoms">${sortDutch(group.symptoms, ({symptom}) => symptom.title).map(
    ({symptom, conditions}) =>
      html`<li id="${symptom.slug}"><strong${edit.attr(symptom._id, 'symptom', 'title')}>${marks.mark(symptom._id, 'title', capitalizeFirst(symptom.title))}</strong>${
        conditions.length > 0
          ? html`<br><span class="detail">Genoemd bij: ${byTitle(conditions).map((condition, index) => html`${index > 0 ? ', ' : ''}${conditionLink(condition, marks, edit)}`)}</span>`
          : null
      }</li>`,
  )}</ul></section>`,
)}
<p class="detail">“Genoemd bij” zegt bij welke aandoeningen de folder een klacht noemt. Het is geen diagnose.</p>
${marks.legend()}`
  return layout({title: 'Klachten', description: 'Klachten per soort, met de aandoeningen waarbij de folder ze noemt.', body})
}

/**
 * What the marks and statuses on the pages mean. Only the site's own
 * conventions: no medical statement.
 */
export function aboutPage(): string {
  return layout({
    title: 'Over deze informatie',
    description: 'Waar de teksten vandaan komen, wat de redactie heeft toegevoegd en wat de medische controle betekent.',
    body: html`<h1>Over deze informatie</h1>
<section aria-labelledby="bron"><h2 id="bron">Waar de tekst vandaan komt</h2>
<p>De teksten komen uit een folder van een praktijk voor bekkenfysiotherapie. De zinnen staan hier zoals in de folder, in dezelfde volgorde.</p></section>
<section aria-labelledby="toevoegingen"><h2 id="toevoegingen">Toevoegingen van de redactie</h2>
<p>Sommige woorden staan niet in de folder. De redactie heeft ze toegevoegd, bijvoorbeeld een korte naam voor een klacht of een titel boven een pagina. Zulke woorden hebben een <span aria-hidden="true">*</span> erachter. Een schermlezer leest “toegevoegd door de redactie” voor.</p>
<p>Een toevoeging zegt niets nieuws over uw gezondheid. Ze helpt u de tekst te vinden en te lezen.</p></section>
<section aria-labelledby="controle"><h2 id="controle">Medische controle</h2>
<p>Bovenaan elke pagina staat of een zorgverlener de tekst medisch heeft gecontroleerd. Staat er “Nog niet medisch gecontroleerd”, dan is de tekst overgenomen uit de folder en nog door niemand medisch nagekeken.</p>
<p>Medische codes en cijfers zonder bron staan pas op een pagina als een zorgverlener ze heeft gecontroleerd.</p></section>`,
  })
}

export function notFoundPage(pathname: string): string {
  return layout({
    title: 'Pagina niet gevonden',
    body: html`<h1>Pagina niet gevonden</h1>
<p>Er is geen pagina op <code>${pathname}</code>.</p>
<p>Ga naar het <a href="/">overzicht van aandoeningen</a> of naar de <a href="/klachten">klachten</a>.</p>`,
  })
}

export function errorPage(reason?: string): string {
  return layout({
    title: 'Er ging iets mis',
    body: html`<h1>Er ging iets mis</h1><p>Deze pagina kon niet worden gemaakt. De oorzaak staat in de uitvoer van de server.</p>${reason ? html`<p><code>${reason}</code></p>` : null}`,
  })
}
