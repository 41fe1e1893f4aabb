import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {visionTool} from '@sanity/vision'
import {nlNLLocale} from '@sanity/locale-nl-nl'
import {schemaTypes} from './schemas'
import {structure} from './schemas/studio/structure'
import {documentBadges} from './schemas/studio/badges'
import {documentActions} from './schemas/studio/actions'
import {withStudioTemplates} from './schemas/studio/templates'
import {localWorkspace} from './schemas/studio/local/localWorkspace'
import {presentation} from './schemas/studio/presentation'
import {studioEnvironment} from './studio.env'

const {projectId, dataset, previewOrigin} = studioEnvironment()

// Written out as `process.env.SANITY_STUDIO_PROJECT_ID` on purpose: the Studio
// build replaces it with a constant (see sanity.cli.ts), so a build for a real
// project keeps only the first branch and the local workspace is left out.
const {document: localDocumentOptions, ...workspaceConnection} = process.env.SANITY_STUDIO_PROJECT_ID ? {document: {}} : localWorkspace({projectId, dataset})

export default defineConfig({
  name: 'bekkenbodem',
  title: 'Bekkenbodem patiënteninformatie',
  projectId,
  dataset,
  ...workspaceConnection,
  plugins: [
    nlNLLocale(),
    structureTool({title: 'Inhoud', structure}),
    presentation(previewOrigin),
    visionTool({title: 'GROQ', defaultApiVersion: '2025-02-19', defaultDataset: dataset}),
  ],
  schema: {
    types: schemaTypes,
    templates: withStudioTemplates,
  },
  document: {
    ...localDocumentOptions,
    badges: documentBadges,
    actions: documentActions,
  },
})
