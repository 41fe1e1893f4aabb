import * as z from 'zod/mini'
import {conditionCardSchema} from './shared'
import {symptomFields} from './symptom'

export const conditionsBySymptomSchema = z.object({
  ...symptomFields,
  conditions: z.array(conditionCardSchema),
})
/** A symptom with the conditions it belongs to. */
export interface ConditionsBySymptom extends z.infer<typeof conditionsBySymptomSchema> {}
