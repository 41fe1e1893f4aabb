/**
 * English an editor of the local Studio must not meet. Two lists: the
 * strings editors did meet (each fixed, and named here with where it was),
 * and common English interface words, checked word by word in what the
 * Studio shows. Sanity's own strings that @sanity/locale-nl-nl does not
 * translate, and that the project cannot change, are allowed by name; the
 * README lists them with where they appear.
 */

/** Strings editors met before they were fixed, and where. */
export const KNOWN_ENGLISH: ReadonlyArray<{text: string; where: string}> = [
  {text: 'Reference to', where: "a reference list's new item, the type title Sanity makes up (now 'Verwijzing naar …')"},
  {text: 'symptomsDescription', where: "the reading-ease badge's explanation, a raw field name (now its title)"},
  {text: 'Current slug', where: "the slug's inner field, Sanity's own title (in the README's list; it must not show on this path)"},
  {text: 'condition-', where: 'the slug-uniqueness error, a raw document id (now the title)'},
  {text: 'Add comment', where: 'the comment button on every field (comments are off in the local Studio)'},
  {text: 'Opmerking toevoegen', where: 'the same comment button, translated (comments are off)'},
]

/**
 * English interface words that have a Dutch translation in the Studio; any of
 * these on screen is English left over. Words that are Dutch as well ("of",
 * "item", "type", "open", "help") are not in the list.
 */
const ENGLISH_WORDS = [
  'Add',
  'Edit',
  'Delete',
  'Publish',
  'Published',
  'Unpublish',
  'Draft',
  'Drafts',
  'Cancel',
  'Close',
  'Search',
  'Loading',
  'Reference',
  'Current',
  'Untitled',
  'Comment',
  'Comments',
  'Task',
  'Tasks',
  'Release',
  'Releases',
  'Schedule',
  'Scheduled',
  'Review',
  'Changes',
  'Settings',
  'Required',
  'Create',
  'Select',
  'Remove',
  'Save',
  'Saved',
  'Field',
  'Fields',
  'Error',
  'Warning',
  'Slug',
  'Generate',
  'Show',
  'Hide',
  'More',
  'New',
  'the',
  'and',
  'to',
  'with',
  'for',
  'this',
]

/**
 * Sanity's own strings that stay English, with where: written into Sanity's
 * code rather than its translations, so @sanity/locale-nl-nl cannot reach
 * them. The README's list of untranslated Sanity strings says the same.
 */
const ALLOWED_ENGLISH: ReadonlyArray<{text: string; where: string}> = [{text: 'Field actions', where: 'the label and tooltip of the ⋯ button beside each field'}]

/** The English words (from the list above) in `text`, each once, after taking out the allowed strings. */
export function englishLeftInStudio(text: string): string[] {
  const rest = ALLOWED_ENGLISH.reduce((remaining, allowed) => remaining.split(allowed.text).join(' '), text)
  const words = new Set(rest.split(/[^\p{L}]+/u))
  return ENGLISH_WORDS.filter((word) => words.has(word))
}
