import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {SOURCE_PATH} from '../../seed/sourceText'
import {formatReport, readabilityReport} from './report'

const USAGE = `Usage: npm run readability [-- --json] [-- --dataset path.ndjson]

Measures the Flesch-Douma reading ease and the average sentence length of the
dataset's running text, per document and per field, worst first, and of the
leaflet as a whole. --json prints the same as JSON.`

const projectDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

function parseArguments(argv: readonly string[]): {json: boolean; datasetPath: string} {
  let json = false
  let datasetPath = path.join(projectDirectory, 'dataset', 'production.ndjson')
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]
    if (argument === '--json') json = true
    else if (argument === '--dataset') {
      const value = argv[index + 1]
      if (!value) throw new Error('--dataset needs a path to an NDJSON file.')
      datasetPath = path.resolve(value)
      index += 1
    } else if (argument === '--help' || argument === '-h') {
      console.log(USAGE)
      process.exit(0)
    } else throw new Error(`Unknown argument "${argument}".\n\n${USAGE}`)
  }
  return {json, datasetPath}
}

function parseNdjson(text: string, file: string): Array<Record<string, unknown>> {
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return []
    try {
      return [JSON.parse(line) as Record<string, unknown>]
    } catch (error) {
      throw new Error(`${file}:${index + 1} is not valid JSON (${(error as Error).message}).`)
    }
  })
}

async function main(): Promise<void> {
  const {json, datasetPath} = parseArguments(process.argv.slice(2))
  const documents = parseNdjson(await readFile(datasetPath, 'utf8'), datasetPath)
  const report = readabilityReport(documents, await readFile(SOURCE_PATH, 'utf8'))
  console.log(json ? JSON.stringify(report, null, 2) : formatReport(report))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
