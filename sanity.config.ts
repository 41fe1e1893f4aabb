import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {visionTool} from '@sanity/vision'
import {nlNLLocale} from '@sanity/locale-nl-nl'
import {schemaTypes} from './schemas'
import {structure} from './schemas/studio/structure'
import {documentBadges} from './schemas/studio/badges'
import {withStudioTemplates} from './schemas/studio/templates'
import {studioEnvironment} from './studio.env'

const {projectId, dataset} = studioEnvironment()

export default defineConfig({
  name: 'bekkenbodem',
  title: 'Bekkenbodem patiënteninformatie',
  projectId,
  dataset,
  plugins: [
    nlNLLocale(),
    structureTool({title: 'Inhoud', structure}),
    visionTool({title: 'GROQ', defaultApiVersion: '2025-02-19', defaultDataset: dataset}),
  ],
  schema: {
    types: schemaTypes,
    templates: withStudioTemplates,
  },
  document: {
    badges: documentBadges,
  },
})
