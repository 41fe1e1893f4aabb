import {defineArrayMember, defineField} from 'sanity'
import {referenceMustBeOfType} from '../rules/references'

interface ReferenceListOptions {
  name: string
  title: string
  description: string
  /** The document type the list points at. */
  to: string
  /** How the target type is called in an error message, e.g. "oorzaak". */
  label: string
  required?: boolean
  /** The Studio tab the field sits on. */
  group?: string
}

/** An ordered list of references to one document type, without duplicates. */
export function referenceListField(options: ReferenceListOptions) {
  return defineField({
    name: options.name,
    title: options.title,
    type: 'array',
    group: options.group,
    description: options.description,
    of: [
      defineArrayMember({
        type: 'reference',
        // Without a title, Sanity names the item "Reference to <type title>" in English.
        title: `Verwijzing naar ${options.label}`,
        to: [{type: options.to}],
        validation: (rule) => referenceMustBeOfType(rule, [options.to], options.label),
      }),
    ],
    validation: (rule) => (options.required ? [rule.required().min(1).error(`Kies ten minste één ${options.label}.`), rule.unique()] : [rule.unique()]),
  })
}
