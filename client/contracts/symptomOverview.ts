import * as z from 'zod'
import {conditionCardSchema} from './shared'
import {symptomSchema} from './symptom'

/** Every symptom, and every condition with the ids of its symptoms: the "Klachten" page in one answer. */
export const symptomOverviewSchema = z.object({
  symptoms: z.array(symptomSchema),
  conditions: z.array(
    conditionCardSchema.extend({
      symptomIds: z.array(z.string()),
    }),
  ),
})

export type SymptomOverview = z.infer<typeof symptomOverviewSchema>
