import {afterEach, describe, expect, it, vi} from 'vitest'
import config from '../../sanity.config'
import {DEFAULT_DATASET, PLACEHOLDER_PROJECT_ID, studioEnvironment} from '../../studio.env'

describe('Studio configuration', () => {
  afterEach(() => vi.unstubAllEnvs())

  it('has the Dutch interface, the content structure and the GROQ playground', () => {
    expect(config.plugins.map((plugin) => plugin.name)).toEqual(['@sanity/locale-nl-nl', 'sanity/structure', '@sanity/vision'])
  })

  it('falls back to a placeholder project, so validate, typegen and build work without an account', () => {
    vi.stubEnv('SANITY_STUDIO_PROJECT_ID', '')
    vi.stubEnv('SANITY_STUDIO_DATASET', '')
    expect(studioEnvironment()).toEqual({projectId: PLACEHOLDER_PROJECT_ID, dataset: DEFAULT_DATASET})
  })

  it('connects to the project and dataset named in the environment', () => {
    vi.stubEnv('SANITY_STUDIO_PROJECT_ID', 'abc123xy')
    vi.stubEnv('SANITY_STUDIO_DATASET', 'staging')
    expect(studioEnvironment()).toEqual({projectId: 'abc123xy', dataset: 'staging'})
  })
})
