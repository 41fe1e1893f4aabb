// The style the code is written in: no semicolons, single quotes, `{x}` without
// inner spaces, trailing commas, and long lines. 180 columns is where the
// hand-written code stops (of its 18,000 lines without a long string or a
// comment, 29 are longer) and about the width at which `prettier --check` finds
// the fewest files to change: 96 of 252, where @sanity/prettier-config's 100
// would rewrap 212.

/** @type {import('prettier').Config} */
export default {
  printWidth: 180,
  semi: false,
  singleQuote: true,
  bracketSpacing: false,
  // The html`…` templates in preview/ are the pages' markup byte for byte:
  // formatting them would change what the preview site serves.
  embeddedLanguageFormatting: 'off',
  overrides: [{files: '*.css', options: {singleQuote: false}}],
}
