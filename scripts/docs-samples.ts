/**
 * Checks the documentation (README.md and docs/*.md):
 *
 * - every ```ts, ```typescript and ```tsx block compiles as printed. Each
 *   block is written to `.docs-samples/` (git-ignored) as a module of its own
 *   and type-checked with the repository's TypeScript and tsconfig, with the
 *   package's own name (`@bekkenbodem/content` and its subpaths) resolved to
 *   the sources, so no build is needed. A block whose info string says
 *   `nocheck` (```ts nocheck) is skipped.
 * - every relative link points to an existing file, and a `#fragment` to a
 *   heading in it.
 *
 * Run: npm run check:docs
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import ts from 'typescript'

const ROOT = resolve(import.meta.dirname, '..')
const SAMPLES_DIRECTORY = join(ROOT, '.docs-samples')
const TYPESCRIPT_LANGUAGES = new Set(['ts', 'typescript', 'tsx'])
/** The package's own entry points (package.json "exports"), mapped to their sources. */
const OWN_PACKAGE_PATHS: Record<string, string[]> = {
  '@bekkenbodem/content': ['../client/index.ts'],
  '@bekkenbodem/content/queries': ['../client/queries.ts'],
  '@bekkenbodem/content/contracts': ['../client/contracts/index.ts'],
  '@bekkenbodem/content/types': ['../client/schemaTypes.ts'],
  '@bekkenbodem/content/schemas': ['../schemas/index.ts'],
}

export interface CodeBlock {
  /** The language, the first word of the info string. */
  language: string
  /** The rest of the info string, e.g. `nocheck`. */
  flags: string[]
  /** 1-based line of the opening fence. */
  fenceLine: number
  /** The block's text, without the fence's indentation. */
  text: string
}

const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/u

/** Whether a line closes a block opened with `fence`: the same character, at least as many, nothing else. */
function closesFence(line: string, fence: string): boolean {
  const closing = /^\s*(`{3,}|~{3,})\s*$/u.exec(line)?.[1]
  return closing !== undefined && closing[0] === fence[0] && closing.length >= fence.length
}

/** The fenced code blocks of a Markdown text, also those indented in list items. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n')
  const blocks: CodeBlock[] = []
  for (let index = 0; index < lines.length; index++) {
    const opening = FENCE.exec(lines[index] ?? '')
    if (!opening) continue
    const indent = opening[1] ?? ''
    const fence = opening[2] ?? '```'
    const [language = '', ...flags] = (opening[3] ?? '')
      .trim()
      .split(/\s+/u)
      .filter((word) => word !== '')
    const body: string[] = []
    let end = index + 1
    for (; end < lines.length; end++) {
      const line = lines[end] ?? ''
      if (closesFence(line, fence)) break
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart())
    }
    blocks.push({language: language.toLowerCase(), flags, fenceLine: index + 1, text: body.join('\n')})
    index = end
  }
  return blocks
}

/** The Markdown text with fenced code blocks blanked, and inline code too unless `keepInline` (line numbers kept). */
function withoutCode(markdown: string, {keepInline = false} = {}): string {
  const lines = markdown.split('\n')
  let fence: string | null = null
  return lines
    .map((line) => {
      const opening = FENCE.exec(line)
      if (fence === null && opening) {
        fence = opening[2] ?? '```'
        return ''
      }
      if (fence !== null) {
        if (closesFence(line, fence)) fence = null
        return ''
      }
      return keepInline ? line : line.replace(/(`+)(?:(?!\1).)+?\1/gu, '')
    })
    .join('\n')
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .replace(/`/gu, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /gu, '-')
}

/** The anchors of a Markdown file's headings, numbered as GitHub numbers repeats. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const line of withoutCode(markdown, {keepInline: true}).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/u.exec(line)
    if (!heading) continue
    const slug = headingSlug(heading[1] ?? '')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    anchors.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return anchors
}

export interface Link {
  target: string
  line: number
}

/** Inline links and images, `[text](target)`, and reference definitions, `[label]: target`. */
export function extractLinks(markdown: string): Link[] {
  const links: Link[] = []
  withoutCode(markdown)
    .split('\n')
    .forEach((line, index) => {
      for (const match of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/gu)) links.push({target: match[1] ?? '', line: index + 1})
      const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$/u.exec(line)
      if (definition) links.push({target: definition[1] ?? '', line: index + 1})
    })
  return links
}

function documentationFiles(): string[] {
  const docs = join(ROOT, 'docs')
  const inDocs = existsSync(docs)
    ? readdirSync(docs)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => join(docs, name))
    : []
  return [join(ROOT, 'README.md'), ...inDocs]
}

function checkLinks(files: string[]): {errors: string[]; checked: number} {
  const errors: string[] = []
  let checked = 0
  const anchorsOf = new Map<string, Set<string>>()
  const anchors = (file: string): Set<string> => {
    let found = anchorsOf.get(file)
    if (!found) {
      found = headingAnchors(readFileSync(file, 'utf8'))
      anchorsOf.set(file, found)
    }
    return found
  }
  for (const file of files) {
    const name = relative(ROOT, file)
    for (const {target, line} of extractLinks(readFileSync(file, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/iu.test(target)) continue // https:, mailto:, …
      checked++
      const hashAt = target.indexOf('#')
      const pathPart = decodeURIComponent(hashAt === -1 ? target : target.slice(0, hashAt))
      const fragment = hashAt === -1 ? null : decodeURIComponent(target.slice(hashAt + 1))
      const linked = pathPart === '' ? file : resolve(dirname(file), pathPart)
      if (!existsSync(linked)) {
        errors.push(`${name}:${line}: link to ${target}: ${relative(ROOT, linked)} does not exist`)
        continue
      }
      if (fragment !== null && fragment !== '' && linked.endsWith('.md') && statSync(linked).isFile() && !anchors(linked).has(fragment)) {
        errors.push(`${name}:${line}: link to ${target}: ${relative(ROOT, linked)} has no heading with the anchor #${fragment}`)
      }
    }
  }
  return {errors, checked}
}

interface Sample {
  markdown: string
  fenceLine: number
  file: string
}

function writeSamples(files: string[]): {samples: Sample[]; skipped: string[]} {
  rmSync(SAMPLES_DIRECTORY, {recursive: true, force: true})
  mkdirSync(SAMPLES_DIRECTORY, {recursive: true})
  const samples: Sample[] = []
  const skipped: string[] = []
  for (const markdownFile of files) {
    const markdown = relative(ROOT, markdownFile)
    for (const block of extractCodeBlocks(readFileSync(markdownFile, 'utf8'))) {
      if (!TYPESCRIPT_LANGUAGES.has(block.language)) continue
      if (block.flags.includes('nocheck')) {
        skipped.push(`${markdown}:${block.fenceLine}`)
        continue
      }
      const extension = block.language === 'tsx' ? 'tsx' : 'ts'
      const file = join(SAMPLES_DIRECTORY, `${markdown.replace(/[^A-Za-z0-9]+/gu, '-')}-line-${String(block.fenceLine).padStart(5, '0')}.${extension}`)
      writeFileSync(file, `${block.text}\n`)
      samples.push({markdown, fenceLine: block.fenceLine, file})
    }
  }
  const tsconfig = {
    extends: '../tsconfig.json',
    compilerOptions: {
      noEmit: true,
      // Every block is a module of its own, also one without imports or exports.
      moduleDetection: 'force',
      // As Next.js writes it into a project's tsconfig.
      jsx: 'react-jsx',
      paths: OWN_PACKAGE_PATHS,
    },
    include: ['*.ts', '*.tsx'],
    exclude: [],
  }
  writeFileSync(join(SAMPLES_DIRECTORY, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`)
  return {samples, skipped}
}

function typeCheck(samples: Sample[]): string[] {
  const configPath = join(SAMPLES_DIRECTORY, 'tsconfig.json')
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error(`Could not read ${configPath}`)
  const program = ts.createProgram({rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences ?? []})
  const byFile = new Map(samples.map((sample) => [resolve(sample.file), sample]))
  const errors: string[] = []
  for (const diagnostic of [...config.errors, ...ts.getPreEmitDiagnostics(program)]) {
    if (diagnostic.category !== ts.DiagnosticCategory.Error) continue
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ')
    const sample = diagnostic.file ? byFile.get(resolve(diagnostic.file.fileName)) : undefined
    if (diagnostic.file && sample && diagnostic.start !== undefined) {
      const {line, character} = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
      // The block's first line is the line after its opening fence.
      const markdownLine = sample.fenceLine + 1 + line
      errors.push(`${sample.markdown}:${markdownLine}:${character + 1} (block at line ${sample.fenceLine}): TS${diagnostic.code}: ${message}`)
    } else if (diagnostic.file) {
      errors.push(`${relative(ROOT, diagnostic.file.fileName)}: TS${diagnostic.code}: ${message}`)
    } else {
      errors.push(`TS${diagnostic.code}: ${message}`)
    }
  }
  return errors
}

function main(): void {
  const files = documentationFiles()
  const links = checkLinks(files)
  const {samples, skipped} = writeSamples(files)
  const compileErrors = typeCheck(samples)
  for (const error of [...links.errors, ...compileErrors]) console.error(error)
  if (skipped.length > 0) console.log(`Not compiled (marked nocheck): ${skipped.join(', ')}`)
  const summary = `${samples.length} TypeScript samples in ${files.length} files, ${links.checked} relative links`
  if (links.errors.length > 0 || compileErrors.length > 0) {
    console.error(`\n${summary}: ${compileErrors.length} compile error(s), ${links.errors.length} broken link(s).`)
    process.exit(1)
  }
  console.log(`${summary}: every sample compiles and every link resolves.`)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main()
