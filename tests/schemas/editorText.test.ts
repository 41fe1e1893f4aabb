import {describe, expect, it} from 'vitest'
import {documentTypes, schemaTypes} from '../../schemas'

/** 2 maart 2027 as Dutch readers write it in figures. */
const DUTCH_NUMERIC_DATE = 'D-M-YYYY'

interface FieldLike {
  name: string
  type?: string
  title?: string
  description?: unknown
  options?: {dateFormat?: unknown}
  fields?: FieldLike[]
}

function fieldsOf(type: unknown): FieldLike[] {
  const fields = (type as {fields?: FieldLike[]}).fields
  return Array.isArray(fields) ? fields : []
}

describe('text for editors', () => {
  it('gives every field of every type a Dutch title and a description', () => {
    // A document or object type whose fields cannot be read would pass unchecked (rich text is an array, without fields).
    expect(schemaTypes.filter((type) => type.type !== 'array' && fieldsOf(type).length === 0).map((type) => type.name)).toEqual([])
    const missing: string[] = []
    for (const type of schemaTypes) {
      for (const field of fieldsOf(type)) {
        if (!field.title) missing.push(`${type.name}.${field.name}: no title`)
        if (typeof field.description !== 'string' || field.description.length < 10) missing.push(`${type.name}.${field.name}: no description`)
      }
    }
    expect(missing).toEqual([])
  })

  it('gives every document type an icon and a preview', () => {
    for (const type of documentTypes) {
      expect(type.icon, type.name).toBeDefined()
      expect(type.preview?.select, type.name).toBeDefined()
      expect(type.preview?.prepare, type.name).toBeTypeOf('function')
    }
  })

  it('shows dates in a numeric format: the Studio writes month names in English, also in the Dutch Studio', () => {
    const dateFields = schemaTypes.flatMap((type) =>
      fieldsOf(type)
        .filter((field) => field.type === 'date')
        .map((field) => ({where: `${type.name}.${field.name}`, format: field.options?.dateFormat})),
    )
    expect(dateFields.length).toBeGreaterThan(0)
    for (const {where, format} of dateFields) expect(format, where).toBe(DUTCH_NUMERIC_DATE)
  })
})
