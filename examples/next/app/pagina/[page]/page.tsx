import {notFound, redirect} from 'next/navigation'
import {ConditionList} from '../../../components/ConditionList'
import {conditionListPage} from '../../../sanity/conditions'

/** Pages 2 and on, prerendered; page 1 is the home page. */
export async function generateStaticParams() {
  const {pages} = await conditionListPage(1, {forStaticParams: true})
  return Array.from({length: pages - 1}, (_, index) => ({page: String(index + 2)}))
}

export default async function ConditionListPage({params}: {params: Promise<{page: string}>}) {
  const {page} = await params
  const number = Number(page)
  if (!Number.isInteger(number) || number < 1 || String(number) !== page) notFound()
  if (number === 1) redirect('/')
  return <ConditionList page={number} />
}
