import type { Asset, AssetInput, AssetPage, AssetPatch, Assets } from '../calendar/store.ts'

/**
 * The calendar example's store in memory, for a Workers isolate (no SQLite there; a real deployment
 * would use D1 or a Durable Object behind the same four methods). Same semantics as `AssetStore`.
 */
export class MemoryAssets implements Assets {
  readonly #rows = new Map<number, Asset>()
  #next = 1

  list(limit: number, afterId: number, parentId?: number): AssetPage {
    const rows = [...this.#rows.values()].filter(
      (a) => a.id > afterId && (parentId === undefined || a.parentId === parentId),
    )
    const items = rows.slice(0, limit).map((a) => structuredClone(a))
    return rows.length > limit ? { items, nextCursor: String(items.at(-1)!.id) } : { items }
  }

  get(id: number): Asset | undefined {
    const found = this.#rows.get(id)
    return found === undefined ? undefined : structuredClone(found)
  }

  findByExternalId(externalId: string): Asset | undefined {
    return [...this.#rows.values()].find((a) => a.externalId === externalId)
  }

  create(input: AssetInput, now: number): Asset {
    const asset: Asset = {
      id: this.#next++,
      externalId: input.externalId ?? null,
      title: input.title,
      description: input.description ?? null,
      parentId: input.parentId ?? null,
      criticality: input.criticality ?? 'medium',
      metadata: input.metadata ?? {},
      createdTime: now,
      lastUpdatedTime: now,
    }
    this.#rows.set(asset.id, asset)
    return structuredClone(asset)
  }

  update(id: number, patch: AssetPatch, now: number): Asset | undefined {
    const found = this.#rows.get(id)
    if (found === undefined) return undefined
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
    const next = { ...found, ...defined, lastUpdatedTime: now }
    this.#rows.set(id, next)
    return structuredClone(next)
  }

  remove(id: number): boolean {
    for (const a of this.#rows.values()) if (a.parentId === id) a.parentId = null
    return this.#rows.delete(id)
  }
}
