import {LOCAL_PROJECT_ID} from './schemas/studio/local/localSession'

/**
 * The Sanity project the Studio and CLI talk to. Without environment variables
 * the local project is used, so that schema validation, extraction, type
 * generation and the Studio build all work offline and without an account,
 * and the Studio works against the local server.
 */
export const PLACEHOLDER_PROJECT_ID = LOCAL_PROJECT_ID
export const DEFAULT_DATASET = 'production'

interface StudioEnvironment {
  projectId: string
  dataset: string
  /** The preview site Presentation shows; unset, the Studio's own origin (the local Lake serves both). */
  previewOrigin: string | undefined
}

function readEnv(name: string): string | undefined {
  // Vite inlines `import.meta.env` in the Studio bundle; the CLI runs under Node.
  const viteEnv = (import.meta as ImportMeta & {env?: Record<string, string | undefined>}).env
  const value = viteEnv?.[name] ?? (typeof process === 'undefined' ? undefined : process.env[name])
  return value && value.trim() !== '' ? value.trim() : undefined
}

export function studioEnvironment(): StudioEnvironment {
  return {
    projectId: readEnv('SANITY_STUDIO_PROJECT_ID') ?? PLACEHOLDER_PROJECT_ID,
    dataset: readEnv('SANITY_STUDIO_DATASET') ?? DEFAULT_DATASET,
    previewOrigin: readEnv('SANITY_STUDIO_PREVIEW_ORIGIN'),
  }
}
