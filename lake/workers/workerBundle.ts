import {build} from 'esbuild'
import {fileURLToPath} from 'node:url'

const bundles = new Map<string, Promise<string>>()

/**
 * A worker module and everything it imports as one CommonJS script. A
 * replacement worker (after a timeout or a client that hung up) then starts
 * in a few hundred milliseconds, instead of seconds of compiling TypeScript
 * file by file inside the new thread. Built once per process and module.
 */
export function workerScript(module: URL): Promise<string> {
  let script = bundles.get(module.href)
  if (!script) {
    script = build({
      entryPoints: [fileURLToPath(module)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    }).then((result) => {
      const output = result.outputFiles[0]
      if (!output) throw new Error(`Bundling the worker ${module.pathname} produced no output.`)
      return output.text
    })
    bundles.set(module.href, script)
  }
  return script
}
