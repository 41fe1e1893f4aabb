import {array, object, type Contract} from './check'
import {conditionCardSchema, type ConditionCard} from './shared'
import {symptomFields, type Symptom} from './symptom'

/** A symptom with the conditions it belongs to. */
export interface ConditionsBySymptom extends Symptom {
  conditions: ConditionCard[]
}

export const conditionsBySymptomSchema: Contract<ConditionsBySymptom> = object({
  ...symptomFields,
  conditions: array(conditionCardSchema),
})
