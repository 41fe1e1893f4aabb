// The same kind of file with @sanity/client alone: the baseline for type-checking time.
import {createClient} from '@sanity/client'

const client = createClient({projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', useCdn: false})
export const title = client.fetch<string | null>('*[_type == "condition" && slug.current == $slug][0].title', {slug: 'verzakking'})
