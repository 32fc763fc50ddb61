import { Hono } from 'hono'
import { strataHono } from 'strata/hono'
import { defineAssetsApi } from '../calendar/api.ts'
import { calendarRoutes } from '../calendar/routes.ts'
import validators from '../calendar/validators.generated.js'
import { MemoryAssets } from './memory-store.ts'

// The calendar program on a Workers runtime (workerd): the same API definition, ledger and routes as the
// other calendar examples; Workers forbid generating code, so migrations run interpreted and requests are
// validated by the validators `strata validators` generated. Bundle with scripts/workerd-bundle.ts.
const clock = () => new Date()
const strata = strataHono({
  api: defineAssetsApi(clock),
  routes: calendarRoutes(new MemoryAssets(), clock),
  validators,
})
const app = new Hono()
app.use(strata)
app.notFound(strata.notFound)
app.onError(strata.onError)

export default app
