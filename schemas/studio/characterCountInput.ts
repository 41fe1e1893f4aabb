import {createElement, type ReactElement} from 'react'
import type {StringInputProps} from 'sanity'

/** From this share of the limit on, the count is announced to screen readers and shown in the warning colour. */
const NEAR_LIMIT_SHARE = 0.9

type CharacterCountInput = (props: StringInputProps) => ReactElement

const limits = new WeakMap<CharacterCountInput, number>()

/** The count beneath the input, in Dutch: "87 / 200 tekens", and how many too many once over the limit. */
function characterCountText(length: number, max: number): string {
  return length > max ? `${length} / ${max} tekens, ${length - max} te veel` : `${length} / ${max} tekens`
}

/**
 * An input for a string or text field with a length limit: Sanity's own
 * input, with the number of characters beneath it. Editors see how much room
 * is left while they type instead of after the validation message. The
 * count is linked to the input with aria-describedby, and it is a polite
 * live region only near or over the limit, so that a screen reader does not
 * read out every keystroke. `max` is the same number as the field's
 * `rule.max(…)`; length counts as that rule does (UTF-16 code units).
 */
export function characterCountInput(max: number): CharacterCountInput {
  function CharacterCountInput(props: StringInputProps): ReactElement {
    const length = props.value?.length ?? 0
    const near = length >= max * NEAR_LIMIT_SHARE
    const over = length > max
    const counterId = `${props.id}-tekens`
    const describedBy = [props.elementProps['aria-describedby'], counterId].filter(Boolean).join(' ')
    return createElement(
      'div',
      {style: {display: 'grid', gap: '0.5rem'}},
      props.renderDefault({...props, elementProps: {...props.elementProps, 'aria-describedby': describedBy}}),
      createElement(
        'p',
        {
          id: counterId,
          className: 'character-count',
          'aria-live': near ? 'polite' : 'off',
          'data-state': over ? 'over' : near ? 'near' : 'ok',
          style: {
            margin: 0,
            fontSize: '0.8125rem',
            textAlign: 'right',
            fontWeight: over ? 600 : 400,
            color: over ? 'var(--card-badge-critical-fg-color, #c4314b)' : near ? 'var(--card-badge-caution-fg-color, #8a6100)' : 'var(--card-muted-fg-color, #6e7683)',
          },
        },
        characterCountText(length, max),
      ),
    )
  }
  limits.set(CharacterCountInput, max)
  return CharacterCountInput
}

/** The limit a character count input was made for; undefined for any other component. */
export function characterLimitOf(component: unknown): number | undefined {
  return typeof component === 'function' ? limits.get(component as CharacterCountInput) : undefined
}
