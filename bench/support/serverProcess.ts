import {spawn, type ChildProcess} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const projectDirectory = fileURLToPath(new URL('../..', import.meta.url))

export interface ServerProcess {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string
  port: number
  child: ChildProcess
  /** The one-time Studio sign-in link the server printed; null when it printed none (read-only). */
  signInUrl: string | null
}

/**
 * Starts `npm start`'s script in its own process, as users run it, so that
 * a benchmark's load generator does not share an event loop with the server.
 * Resolves once the server prints its address.
 */
export async function startServerProcess(datasetPath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--dataset', datasetPath, '--port', '0'], {
    cwd: projectDirectory,
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const {url, signInUrl} = await new Promise<{url: string; signInUrl: string | null}>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Preview site: (http:\/\/[^/\s]+)\//.exec(output)
      // The Studio's lines come in the same message, after the preview site's.
      if (match?.[1] && /Studio:/.test(output)) resolve({url: match[1], signInUrl: /Sign in:\s+(http\S+)/.exec(output)?.[1] ?? null})
    })
    child.once('exit', (code) => reject(new Error(`The server exited (code ${code}) before it was ready:\n${output}`)))
  })
  return {url, port: Number(new URL(url).port), child, signInUrl}
}
