// The browser page of bench/bundle-size.ts, imported by package name.
import {createContentClient, toHtml, toJsonLd} from '@bekkenbodem/content'

const content = createContentClient({sanity: {projectId: 'abc123', dataset: 'production'}})
content.getCondition('verzakking').then((page) => page && console.log(toHtml(page.description), toJsonLd(page, {url: location.href})))
