/**
 * Query answers kept as JSON text per dataset version, least recently used
 * first out, bounded by their total size. A new version empties the cache:
 * no query asks for an older version once a newer one is published.
 */
/** An entry's size: its JSON text, the source map's included. */
function sizeOf(entry: {resultJson: string; sourceMapJson?: string}): number {
  return entry.resultJson.length + (entry.sourceMapJson?.length ?? 0)
}

export class ResultCache<Entry extends {resultJson: string; sourceMapJson?: string}> {
  private readonly entries = new Map<string, Entry>()
  private bytes = 0
  private version = 0

  constructor(private readonly maxBytes: number) {}

  get(version: number, key: string): Entry | undefined {
    if (version !== this.version) return undefined
    const entry = this.entries.get(key)
    if (entry) {
      this.entries.delete(key)
      this.entries.set(key, entry)
    }
    return entry
  }

  set(version: number, key: string, entry: Entry): void {
    if (version < this.version) return
    if (version > this.version) this.clear(version)
    const size = sizeOf(entry) + key.length
    if (size > this.maxBytes / 4) return
    const previous = this.entries.get(key)
    if (previous) {
      this.bytes -= sizeOf(previous) + key.length
      this.entries.delete(key)
    }
    this.entries.set(key, entry)
    this.bytes += size
    for (const [oldestKey, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldestKey)
      this.bytes -= sizeOf(oldest) + oldestKey.length
    }
  }

  clear(version: number): void {
    this.entries.clear()
    this.bytes = 0
    this.version = version
  }

  get size(): number {
    return this.entries.size
  }
}
