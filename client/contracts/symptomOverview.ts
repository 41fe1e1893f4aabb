import * as z from 'zod/mini'
import {conditionCardFields} from './shared'
import {symptomSchema} from './symptom'

export const conditionWithSymptomIdsSchema = z.object({...conditionCardFields, symptomIds: z.array(z.string())})
/** A condition as a card, with the ids of its symptoms. */
export interface ConditionWithSymptomIds extends z.infer<typeof conditionWithSymptomIdsSchema> {}

export const symptomOverviewSchema = z.object({
  symptoms: z.array(symptomSchema),
  conditions: z.array(conditionWithSymptomIdsSchema),
})
/** Every symptom, and every condition with the ids of its symptoms: the "Klachten" page in one answer. */
export interface SymptomOverview extends z.infer<typeof symptomOverviewSchema> {}
