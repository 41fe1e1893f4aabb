import {toHtml, type RichText as RichTextValue} from '@bekkenbodem/content'

/** Rich text as the package renders it: all text escaped, only the markup the schema allows. */
export function RichText({value}: {value: RichTextValue | null | undefined}) {
  return value ? <div dangerouslySetInnerHTML={{__html: toHtml(value)}} /> : null
}
