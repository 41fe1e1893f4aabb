import {defineCliConfig} from 'sanity/cli'
import {studioEnvironment} from './studio.env'
import {configuredProjectId, LOCAL_STUDIO_BASE_PATH, studioViteConfig} from './schemas/studio/local/studioBuildOptions'

const {projectId, dataset} = studioEnvironment()
const forLocalServer = configuredProjectId(process.env) === undefined

export default defineCliConfig({
  api: {projectId, dataset},
  // The local server serves the Studio at /studio; a real project's Studio keeps its own base path.
  ...(forLocalServer ? {project: {basePath: LOCAL_STUDIO_BASE_PATH}} : {}),
  // Pinned Studio version: builds must not reach for a newer runtime at load time.
  deployment: {autoUpdates: false},
  vite: (config) => studioViteConfig(config, process.env),
  typegen: {
    path: ['./client/**/*.ts'],
    schema: './schema.json',
    generates: './sanity.types.ts',
    overloadClientMethods: false,
  },
})
