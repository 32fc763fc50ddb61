// node:http: a bare listener routing by hand (JSON.parse + Ajv at head on POST), and `createStrataServer`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createStrataServer } from 'strata/node'
import { invalidBody, list, one, syntheticApi, syntheticRoutes, validateHeadBody } from '../synthetic.ts'

const send = (res: ServerResponse, status: number, body: string): void => {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}

function create(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    let body: unknown
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      send(res, 400, '{"message":"invalid JSON"}')
      return
    }
    if (!validateHeadBody(body)) send(res, 422, invalidBody())
    else send(res, 201, JSON.stringify(body))
  })
}

export async function nodeServer(variant: 'bare' | 'strata'): Promise<Server> {
  if (variant === 'strata') return createStrataServer({ api: syntheticApi(), routes: syntheticRoutes() })
  return createServer((req, res) => {
    const url = req.url ?? '/'
    if (req.method === 'GET' && url === '/items') send(res, 200, JSON.stringify(list))
    else if (req.method === 'GET' && url.startsWith('/items/')) send(res, 200, JSON.stringify(one))
    else if (req.method === 'POST' && url === '/items') create(req, res)
    else send(res, 404, '{"message":"not found"}')
  })
}
