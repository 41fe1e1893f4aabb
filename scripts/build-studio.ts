import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {ensureStudioBuilt} from '../lake/studio/studioBuild'

/**
 * `npm run build:studio`: builds the Studio that `npm start` serves at
 * /studio into dist-studio/, for the local server, and records which sources
 * it was built from, so that `npm start` does not build it again.
 */
const projectDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

ensureStudioBuilt({projectDirectory, outputDirectory: path.join(projectDirectory, 'dist-studio'), force: process.argv.includes('--force')}).then(
  (outcome) => {
    if (!outcome.built) console.log('The Studio in dist-studio/ is up to date with its sources (use --force to build it again).')
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
