import {array, number, object, type Contract} from './check'

/** One page of a list: the items from `offset`, at most `limit` of them, and how many there are in all. */
export interface ContentPage<Item> {
  items: Item[]
  total: number
  offset: number
  limit: number
}

/** What a list query returns: the slice and the count. */
export interface ListSlice<Item> {
  items: Item[]
  total: number
}

export function listSliceSchema<Item>(item: Contract<Item>): Contract<ListSlice<Item>> {
  return object({items: array(item), total: number()})
}
