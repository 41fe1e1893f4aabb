import type {DraftDocument} from '../draft'
import {bekkenfysiotherapie, treatmentComponents} from './behandeling'
import {angst, dyspareunie, pijnGroup, pijnSymptom, psychologischeOorzaken, vaginisme, vaginismeSymptoms, vulvairVestibulitisSyndroom, vvsSymptoms} from './pijn'
import {glossaryTerms} from './glossary'
import {bodyParts, leafletSource, practice} from './shared'
import {verzakking, verzakkingCauses, verzakkingenGroup, verzakkingRiskFactors, verzakkingSymptoms} from './verzakkingen'

/** Every document of the seed, in the order of the leaflet. The output file is sorted by `_id`. */
export function mappedDocuments(): DraftDocument[] {
  return [
    leafletSource,
    ...bodyParts,
    verzakkingenGroup,
    verzakking,
    ...verzakkingCauses,
    ...verzakkingRiskFactors,
    ...verzakkingSymptoms,
    bekkenfysiotherapie,
    ...treatmentComponents,
    pijnGroup,
    vulvairVestibulitisSyndroom,
    ...vvsSymptoms,
    pijnSymptom,
    ...vaginismeSymptoms,
    vaginisme,
    psychologischeOorzaken,
    angst,
    dyspareunie,
    ...glossaryTerms,
    practice,
  ]
}
