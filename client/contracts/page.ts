import * as z from 'zod/mini'

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

/** The contract of a list query's answer, for items of the given contract. */
export function listSliceSchema<Item extends z.ZodMiniType>(item: Item) {
  return z.object({items: z.array(item), total: z.number()})
}
