import type {BodyPart, Cause, Condition, ConditionGroup, GlossaryTerm, Practice, RichText, RiskFactor, Source, Symptom, Treatment, TreatmentComponent} from '../sanity.types'
import type {PassageAnchor} from './sourceText'

/** Text taken from the source file. */
export class Passage {
  constructor(readonly anchor: PassageAnchor) {}
}

/** A value the editors added: not in the source, and listed as such by the fidelity test. */
export class Editorial<T extends string | number = string | number> {
  constructor(
    readonly value: T,
    readonly note?: string,
  ) {}
}

/** Passage text: the opening words, and the closing words when the passage is longer. */
export function passage(start: string, end?: string, options: {after?: string} = {}): Passage {
  return new Passage({start, ...(end === undefined ? {} : {end}), ...options})
}

export function editorial<T extends string | number>(value: T, note?: string): Editorial<T> {
  return new Editorial(value, note)
}

/** Keys that hold identifiers and markup, never prose. */
type StructuralKey = '_id' | '_type' | '_key' | '_ref' | '_weak' | 'style' | 'listItem' | 'level' | 'marks' | 'markDefs'

/**
 * A document as the mapping writes it: every free string must come from the
 * source (`passage`) or be marked `editorial`, and every number is editorial.
 * String literal unions (categories, code systems) stay as they are.
 */
export type Draft<T> = T extends string
  ? string extends T
    ? Passage | Editorial<string>
    : T
  : T extends number
    ? number extends T
      ? Editorial<number>
      : T
    : T extends Array<infer Item>
      ? Array<Draft<Item>>
      : T extends object
        ? {[K in keyof T]: K extends StructuralKey ? T[K] : Draft<T[K]>}
        : T

type Stored<T> = Omit<T, '_createdAt' | '_updatedAt' | '_rev'>

/** The documents the seed writes, typed from the schema (sanity.types.ts). */
export type SeedDocument =
  | Stored<ConditionGroup>
  | Stored<Condition>
  | Stored<Cause>
  | Stored<RiskFactor>
  | Stored<Symptom>
  | Stored<Treatment>
  | Stored<TreatmentComponent>
  | Stored<BodyPart>
  | Stored<Source>
  | Stored<Practice>
  | Stored<GlossaryTerm>

export type DraftOf<T> = Draft<Stored<T>>

export type DraftDocument =
  | DraftOf<ConditionGroup>
  | DraftOf<Condition>
  | DraftOf<Cause>
  | DraftOf<RiskFactor>
  | DraftOf<Symptom>
  | DraftOf<Treatment>
  | DraftOf<TreatmentComponent>
  | DraftOf<BodyPart>
  | DraftOf<Source>
  | DraftOf<Practice>
  | DraftOf<GlossaryTerm>

type DocumentId<T extends string> = `${T}-${string}`

/** A reference with a fixed `_key`, readable and unique because it is derived from the target `_id`. */
export function ref<T extends string>(id: DocumentId<T>): {_type: 'reference'; _ref: string; _key: string} {
  return {_type: 'reference', _ref: id, _key: id.replace(/[^a-zA-Z0-9-]+/gu, '-')}
}

/** A single reference field (not in an array), which has no `_key`. */
export function singleRef<T extends string>(id: DocumentId<T>): {_type: 'reference'; _ref: string} {
  return {_type: 'reference', _ref: id}
}

/** A weak reference, for fields the schema marks `weak: true`: its target may be unpublished or deleted. */
export function weakRef<T extends string>(id: DocumentId<T>): {_type: 'reference'; _ref: string; _weak: true} {
  return {_type: 'reference', _ref: id, _weak: true}
}

type DraftBlock = Draft<RichText[number]>
type BlockInput = {kind: 'normal' | 'h3' | 'bullet'; text: Passage | Editorial<string>}

export const paragraph = (text: Passage | Editorial<string>): BlockInput => ({kind: 'normal', text})
export const subheading = (text: Passage | Editorial<string>): BlockInput => ({kind: 'h3', text})
export const bullet = (text: Passage | Editorial<string>): BlockInput => ({kind: 'bullet', text})

/** Portable Text blocks with fixed keys (`<prefix>-1`, `<prefix>-2`, …) in the order given. */
export function richText(prefix: string, ...blocks: BlockInput[]): DraftBlock[] {
  return blocks.map((block, index): DraftBlock => {
    const key = `${prefix}-${index + 1}`
    const base = {
      _type: 'block' as const,
      _key: key,
      style: block.kind === 'h3' ? ('h3' as const) : ('normal' as const),
      children: [{_type: 'span' as const, _key: `${key}-text`, text: block.text, marks: []}],
    }
    return block.kind === 'bullet' ? {...base, listItem: 'bullet' as const, level: 1} : base
  })
}
