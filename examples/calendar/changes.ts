import { defineChange, endpoint, errors, schema } from 'strata'
import { Asset, AssetCreate, AssetUpdate } from './schemas.ts'

// The change ledger of the assets API: each entry is one breaking change, attached (in api.ts)
// to the version that introduced it. Handlers and storage know only head.

export const createAssetAnswers201 = defineChange({
  name: 'createAssetAnswers201',
  description: 'Creating an asset answers `201 Created` instead of `200 OK`.',
  instructions: [endpoint('POST', '/api/v1/assets').statusChanged({ status: 201, from: 200 })],
})

export const renameListSizeToLimit = defineChange({
  name: 'renameListSizeToLimit',
  description: 'The page size query parameter of the asset list is `limit` (formerly `size`).',
  instructions: [endpoint('GET', '/api/v1/assets').param('limit').renamedFrom('size')],
})

export const removeAssetSource = defineChange({
  name: 'removeAssetSource',
  description: 'Assets no longer carry `source`; older versions receive `null`.',
  instructions: [
    schema(Asset)
      .field('source')
      .removed({ was: { type: ['string', 'null'] }, default: null }),
    schema(AssetCreate)
      .field('source')
      .removed({ was: { type: 'string', maxLength: 128 } }),
  ],
})

export const addErrorSuggestions = defineChange({
  name: 'addErrorSuggestions',
  description: 'Error bodies carry a `suggestion` saying what to do next.',
  instructions: [
    errors((problem) => {
      delete problem.suggestion
    }),
  ],
})

export const addCriticalCriticality = defineChange({
  name: 'addCriticalCriticality',
  description: 'Asset `criticality` gains the value `critical`; older versions see `high`.',
  instructions: [Asset.name, AssetCreate.name, AssetUpdate.name].map((target) =>
    schema(target).field('criticality').enumValueAdded('critical', { fallback: 'high' }),
  ),
})

export const renameAssetNameToTitle = defineChange({
  name: 'renameAssetNameToTitle',
  description: 'Asset `name` is renamed to `title`.',
  instructions: [
    schema(Asset).field('title').renamedFrom('name'),
    schema(AssetCreate).field('title').renamedFrom('name'),
    schema(AssetUpdate).field('title').renamedFrom('name'),
  ],
})

export const timesAsRfc3339 = defineChange({
  name: 'timesAsRfc3339',
  description: '`createdTime` and `lastUpdatedTime` are RFC 3339 strings instead of epoch milliseconds.',
  instructions: ['createdTime', 'lastUpdatedTime'].map((field) =>
    schema(Asset)
      .field(field)
      .typeChanged({
        was: { type: 'integer', minimum: 0 },
        down: (iso) => Date.parse(iso as string),
        up: (ms) => new Date(ms as number).toISOString(),
      }),
  ),
})
