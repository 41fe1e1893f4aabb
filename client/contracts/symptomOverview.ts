import {array, object, string, type Contract} from './check'
import {conditionCardFields, type ConditionCard} from './shared'
import {symptomSchema, type Symptom} from './symptom'

/** A condition as a card, with the ids of its symptoms. */
export interface ConditionWithSymptomIds extends ConditionCard {
  symptomIds: string[]
}

/** Every symptom, and every condition with the ids of its symptoms: the "Klachten" page in one answer. */
export interface SymptomOverview {
  symptoms: Symptom[]
  conditions: ConditionWithSymptomIds[]
}

export const symptomOverviewSchema: Contract<SymptomOverview> = object({
  symptoms: array(symptomSchema),
  conditions: array(object({...conditionCardFields, symptomIds: array(string())})),
})
