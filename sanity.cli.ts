import {defineCliConfig} from 'sanity/cli'
import {studioEnvironment} from './studio.env'

const {projectId, dataset} = studioEnvironment()

export default defineCliConfig({
  api: {projectId, dataset},
  // Pinned Studio version: builds must not reach for a newer runtime at load time.
  deployment: {autoUpdates: false},
  typegen: {
    path: ['./client/**/*.ts'],
    schema: './schema.json',
    generates: './sanity.types.ts',
    overloadClientMethods: true,
  },
})
