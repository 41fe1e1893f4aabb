import * as z from 'zod'
import {conditionCardSchema} from './shared'
import {symptomSchema} from './symptom'

export const conditionsBySymptomSchema = symptomSchema.extend({
  conditions: z.array(conditionCardSchema),
})

export type ConditionsBySymptom = z.infer<typeof conditionsBySymptomSchema>
