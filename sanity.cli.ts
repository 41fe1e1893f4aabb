import {defineCliConfig} from 'sanity/cli'
import {studioEnvironment} from './studio.env'
import {studioProjectOptions, studioViteConfig} from './schemas/studio/local/studioBuildOptions'

const {projectId, dataset} = studioEnvironment()

export default defineCliConfig({
  api: {projectId, dataset},
  ...studioProjectOptions(process.env),
  // Pinned Studio version: builds must not reach for a newer runtime at load time.
  deployment: {autoUpdates: false},
  vite: (config) => studioViteConfig(config, process.env),
  typegen: {
    path: ['./client/**/*.ts'],
    schema: './schema.json',
    generates: './sanity.types.ts',
    overloadClientMethods: true,
  },
})
