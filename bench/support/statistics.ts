/** The value at `fraction` (0–1) of ascending `sorted`, by nearest rank. */
export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN
}

/** The middle value, or the mean of the two middle values of an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/** Runs `run` `runs` times in a row and returns the durations in milliseconds, ascending. */
export async function timeRuns(runs: number, run: (index: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  for (let index = 0; index < runs; index++) {
    const started = performance.now()
    await run(index)
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)
}
