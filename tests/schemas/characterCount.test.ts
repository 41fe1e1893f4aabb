import {createElement, isValidElement, type ReactElement, type ReactNode} from 'react'
import type {StringInputProps} from 'sanity'
import {describe, expect, it} from 'vitest'
import {studioSchema} from '../../seed/validation/validateDocuments'
import {characterCountInput, characterLimitOf} from '../../schemas/studio/characterCountInput'

/** What this test reads of Sanity's compiled schema: fields, their types' components and their normalised rules. */
interface CompiledType {
  name: string
  jsonType?: string
  fields?: Array<{name: string; type: CompiledType}>
  of?: CompiledType[]
  components?: {input?: unknown}
  validation?: Array<{_rules?: Array<{flag: string; constraint?: unknown}>}>
}

function maxRule(type: CompiledType): number | undefined {
  for (const rule of type.validation ?? []) {
    const max = rule._rules?.find((part) => part.flag === 'max')
    if (typeof max?.constraint === 'number') return max.constraint
  }
  return undefined
}

/** Every string or text field with a `max` rule, in every document and object type, as `type.field` → limit. */
function limitedTextFields(): Array<{path: string; max: number; input: unknown}> {
  const schema = studioSchema()
  const found: Array<{path: string; max: number; input: unknown}> = []
  for (const name of schema.getTypeNames()) {
    // Sanity's compiled schema types are not exported in a form that names `_rules`; this test reads them as data.
    const type = schema.get(name) as unknown as CompiledType | undefined
    for (const field of type?.fields ?? []) {
      const max = maxRule(field.type)
      if (max !== undefined && field.type.jsonType === 'string') found.push({path: `${name}.${field.name}`, max, input: field.type.components?.input})
    }
  }
  return found
}

interface Rendered {
  type: string
  props: Record<string, unknown>
  children: Array<Rendered | string>
}

/** The element tree the component returns, as plain data (the counter has no state or effects, so calling it is rendering it). */
function tree(node: ReactNode): Rendered | string {
  if (!isValidElement(node)) return String(node)
  const {children, ...props} = (node as ReactElement<Record<string, unknown> & {children?: ReactNode}>).props
  const list = children === undefined ? [] : Array.isArray(children) ? (children as ReactNode[]) : [children]
  return {type: String(node.type), props, children: list.map(tree)}
}

function render(max: number, value: string | undefined): {input: Rendered; counter: Rendered} {
  const Input = characterCountInput(max)
  const props = {
    id: 'summary',
    value,
    elementProps: {'aria-describedby': 'summary-description'},
    renderDefault: (inner: StringInputProps) => createElement('textarea', {id: inner.id, 'aria-describedby': inner.elementProps['aria-describedby']}),
  } as unknown as StringInputProps // only what the component reads; the rest of Sanity's input props plays no part here
  const root = tree(Input(props))
  if (typeof root === 'string') throw new Error('the counter renders elements')
  const [input, counter] = root.children
  if (typeof input !== 'object' || typeof counter !== 'object') throw new Error('the input, then the count')
  return {input, counter}
}

describe('the character count beneath limited fields', () => {
  it('is on every string or text field that has a length limit, with that limit', () => {
    const fields = limitedTextFields()
    expect(fields.map((field) => field.path)).toEqual(expect.arrayContaining(['condition.summary', 'condition.title', 'treatment.title']))
    for (const field of fields) expect(characterLimitOf(field.input), field.path).toBe(field.max)
  })

  it('shows "n / max tekens" beneath the input, linked to it, and silent while far from the limit', () => {
    const {input, counter} = render(200, 'Een korte zin.')
    expect(input).toMatchObject({type: 'textarea', props: {id: 'summary', 'aria-describedby': 'summary-description summary-tekens'}})
    expect(counter).toMatchObject({type: 'p', props: {id: 'summary-tekens', 'aria-live': 'off'}, children: ['14 / 200 tekens']})
    expect(render(200, undefined).counter.children).toEqual(['0 / 200 tekens'])
  })

  it('is announced politely near the limit, and says how many too many over it', () => {
    expect(render(200, 'a'.repeat(179)).counter.props['aria-live']).toBe('off')
    expect(render(200, 'a'.repeat(180)).counter).toMatchObject({props: {'aria-live': 'polite'}, children: ['180 / 200 tekens']})
    expect(render(200, 'a'.repeat(212)).counter).toMatchObject({props: {'aria-live': 'polite', 'data-state': 'over'}, children: ['212 / 200 tekens, 12 te veel']})
  })
})
