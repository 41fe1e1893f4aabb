import {ConditionList} from '../components/ConditionList'

export default function HomePage() {
  return <ConditionList page={1} />
}
