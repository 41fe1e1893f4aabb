import {defineConfig, type Plugin} from 'vitest/config'

// Checks too slow for `npm test` (which stays under a minute on 2 cores):
// files named *.slow.test.ts. Run with `npm run test:slow`; CI runs them as their own step.
const slow = {
  testTimeout: 120_000,
  hookTimeout: 120_000,
}

/** Run as Next's server runtime resolves modules (see tests/lake/nextSanityLive.slow.test.ts). */
const NEXT_SERVER_RUNTIME_TESTS = ['tests/lake/nextSanityLive.slow.test.ts']

/**
 * What Next's bundler does to a `'use client'` module on the server: each
 * export becomes a client reference, rendered by the browser, never run here.
 */
function clientReferences(): Plugin {
  return {
    name: 'client-references',
    enforce: 'pre',
    transform(code, id) {
      if (!/^\s*['"]use client['"]/.test(code)) return null
      const names = [...code.matchAll(/^export\s*\{([^}]*)\}/gm)].flatMap((match) =>
        (match[1] ?? '')
          .split(',')
          .map(
            (part) =>
              part
                .trim()
                .split(/\s+as\s+/)
                .at(-1) ?? '',
          )
          .filter(Boolean),
      )
      if (names.length === 0 || /^export\s+(default|const|function|class|let)\b/m.test(code)) throw new Error(`client-references: cannot read the exports of ${id}`)
      const reference = (name: string) =>
        `Object.defineProperties(function () { throw new Error('${name} is a client component') }, {$$typeof: {value: Symbol.for('react.client.reference')}, $$id: {value: ${JSON.stringify(`${id}#${name}`)}}})`
      return {code: names.map((name) => `export const ${name} = ${reference(name)}`).join('\n'), map: null}
    },
  }
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'slow',
          include: ['tests/**/*.slow.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**', ...NEXT_SERVER_RUNTIME_TESTS],
          ...slow,
        },
      },
      {
        plugins: [clientReferences()],
        resolve: {conditions: ['react-server']},
        ssr: {resolve: {conditions: ['react-server'], externalConditions: ['react-server']}},
        test: {
          name: 'next-server-runtime',
          include: NEXT_SERVER_RUNTIME_TESTS,
          // next-sanity imports `next/headers`, which only a bundler resolves (next has no exports map): Vite loads it.
          server: {deps: {inline: ['next-sanity']}},
          // The packages Node itself loads (react, @sanity/client) need the condition too.
          execArgv: ['--conditions=react-server'],
          ...slow,
        },
      },
    ],
  },
})
