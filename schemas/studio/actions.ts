import type {DocumentActionsResolver} from 'sanity'
import {REVIEWED_TYPES} from '../reviewStatus'
import {MedicalReviewAction} from './medicalReviewAction'

/** Sanity's own actions, and "Medisch gecontroleerd" on the documents that carry a medical review. */
export const documentActions: DocumentActionsResolver = (previous, context) => (REVIEWED_TYPES.includes(context.schemaType) ? [...previous, MedicalReviewAction] : previous)
