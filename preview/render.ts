import type {ConditionCard} from '../client/contracts/shared'
import {symptomOverviewSchema, type SymptomOverview} from '../client/contracts/symptomOverview'
import {SYMPTOM_OVERVIEW_QUERY} from '../client/queries'
import {SYMPTOM_CATEGORY_TITLES} from '../client/symptomCategories'
import {parseResult} from '../client/validate'
import type {PreviewContent, PreviewRenderers} from './content'
import {AdditionMarks, ADDITIONS_QUERY} from './additions'
import {contactBlock, PRACTICE_QUERY} from './contact'
import {Glossary, GLOSSARY_QUERY} from './glossary'
import type {EditTargets} from './editTargets'
import {withDraftModeChrome} from './layout'
import {aboutPage, conditionPage, indexPage, notFoundPage, symptomsPage, treatmentPage, type DetailPageOptions, type SymptomWithConditions} from './pages'

export interface RenderedPage {
  status: 200 | 404
  body: string
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/** Symptoms under their headings, each with its conditions: one pass over the conditions, not one per symptom. */
function symptomGroups(overview: SymptomOverview): Array<{title: string; category: string; symptoms: SymptomWithConditions[]}> {
  const conditionsBySymptom = new Map<string, ConditionCard[]>()
  for (const {symptomIds, ...card} of overview.conditions) {
    for (const id of new Set(symptomIds)) {
      const list = conditionsBySymptom.get(id)
      if (list) list.push(card)
      else conditionsBySymptom.set(id, [card])
    }
  }
  return Object.entries(SYMPTOM_CATEGORY_TITLES)
    .map(([category, title]) => ({
      title,
      category,
      symptoms: overview.symptoms.filter((symptom) => symptom.category === category).map((symptom) => ({symptom, conditions: conditionsBySymptom.get(symptom._id) ?? []})),
    }))
    .filter((group) => group.symptoms.length > 0)
}

/**
 * Renders the page at a path, or the not-found page. `origin` names the site
 * in the JSON-LD; `today` decides whether a medical check is due. With edit
 * targets enabled (draft mode) the page says it shows drafts and loads the
 * overlays.
 */
export async function renderPage(content: PreviewContent, renderers: PreviewRenderers, pathname: string, origin: string, today: string, edit: EditTargets): Promise<RenderedPage> {
  const found = await renderKnownPage(content, renderers, pathname, origin, today, edit)
  const page: RenderedPage = found === null ? {status: 404, body: notFoundPage(pathname)} : {status: 200, body: found}
  return edit.enabled ? {...page, body: withDraftModeChrome(page.body, pathname)} : page
}

async function renderKnownPage(content: PreviewContent, renderers: PreviewRenderers, pathname: string, origin: string, today: string, edit: EditTargets): Promise<string | null> {
  if (pathname === '/over-deze-informatie') return aboutPage()
  // Fresh per page: the marks count what this page marks, to explain the mark only where it shows.
  const marks = new AdditionMarks(await content.fetch(ADDITIONS_QUERY))
  if (pathname === '/') return indexPage((await content.listConditionGroups()).items, renderers, marks, edit)
  if (pathname === '/klachten') {
    const overview = parseResult('symptomOverview', symptomOverviewSchema, await content.fetch(SYMPTOM_OVERVIEW_QUERY))
    return symptomsPage(symptomGroups(overview), marks, edit)
  }
  const match = /^\/(aandoeningen|behandelingen)\/([^/]+)$/.exec(pathname)
  const slug = match?.[2] === undefined ? null : decodeSegment(match[2])
  if (!match || slug === null) return null
  // Read only once the page exists: a missing slug answers 404 without them.
  const detailOptions = async (): Promise<DetailPageOptions> => ({
    url: `${origin}${pathname}`,
    today,
    renderers,
    marks,
    contact: contactBlock(await content.fetch(PRACTICE_QUERY)),
    glossary: new Glossary(await content.fetch(GLOSSARY_QUERY)),
    edit,
  })
  if (match[1] === 'aandoeningen') {
    const page = await content.getCondition(slug)
    return page && conditionPage(page, await detailOptions())
  }
  const page = await content.getTreatment(slug)
  return page && treatmentPage(page, await detailOptions())
}
