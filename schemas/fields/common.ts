import {defineField} from 'sanity'
import {slugMustBeUnique, slugMustBeUrlSafe, slugify} from '../rules/slug'
import {warnOnLongSentences, warnOnLongSentencesInBlocks} from '../rules/textRules'
import {linkTextsMustSayWhereTheyGo} from '../rules/links'
import {characterCountInput} from '../studio/characterCountInput'

const TITLE_MAX_LENGTH = 120

/** The title every document type has; required and shown in lists. */
export function titleField(description: string) {
  return defineField({
    name: 'title',
    title: 'Titel',
    type: 'string',
    description,
    components: {input: characterCountInput(TITLE_MAX_LENGTH)},
    validation: (rule) => [rule.required().error('Geef een titel.'), rule.max(TITLE_MAX_LENGTH)],
  })
}

/**
 * The URL part of a page. Sanity's own slug rule checks that it is unique
 * within the document type; ours adds that it is safe to put in a URL.
 */
export function slugField() {
  return defineField({
    name: 'slug',
    title: 'Adres (slug)',
    type: 'slug',
    description:
      'Het laatste deel van het webadres, bijvoorbeeld "verzakking". Klik op "Genereren" om het uit de titel te maken. Verander het niet meer nadat de pagina online staat: oude links werken dan niet meer.',
    // isUnique always agrees: uniqueness is checked by slugMustBeUnique, as an error.
    options: {source: 'title', maxLength: 96, slugify, isUnique: () => true},
    validation: (rule) => [rule.required().error('Geef een adres (slug).'), slugMustBeUrlSafe(rule), slugMustBeUnique(rule)],
  })
}

/** A short plain-text field with the B1 sentence-length warning. */
export function plainTextField(options: {name: string; title: string; description: string; required?: boolean; rows?: number; group?: string}) {
  return defineField({
    name: options.name,
    title: options.title,
    type: 'text',
    group: options.group,
    rows: options.rows ?? 3,
    description: options.description,
    validation: (rule) => (options.required ? [rule.required().error(`${options.title} is verplicht.`), warnOnLongSentences(rule)] : [warnOnLongSentences(rule)]),
  })
}

/**
 * A rich text field. Field-level validation replaces the validation of the
 * `richText` type, so the B1 warning and the link text check are added here
 * for every field.
 */
export function richTextField(options: {name: string; title: string; description: string; required?: boolean; group?: string}) {
  return defineField({
    name: options.name,
    title: options.title,
    type: 'richText',
    group: options.group,
    description: options.description,
    validation: (rule) =>
      options.required
        ? [rule.required().min(1).error(`${options.title} is verplicht.`), linkTextsMustSayWhereTheyGo(rule), warnOnLongSentencesInBlocks(rule)]
        : [linkTextsMustSayWhereTheyGo(rule), warnOnLongSentencesInBlocks(rule)],
  })
}
