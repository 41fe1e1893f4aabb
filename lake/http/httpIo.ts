import type {IncomingMessage, ServerResponse} from 'node:http'
import {ApiError} from './apiError'
import {etagMatches} from './etag'

/** Reads a request body, refusing it with 413 as soon as it grows past the limit. */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new ApiError(413, `The request body is ${declared} bytes; the limit is ${maxBytes} bytes (MAX_BODY_BYTES).`)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer // request streams yield Buffers unless an encoding is set, which we never do.
    size += buffer.length
    if (size > maxBytes) throw new ApiError(413, `The request body is larger than the limit of ${maxBytes} bytes (MAX_BODY_BYTES).`)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function sendError(response: ServerResponse, error: ApiError): void {
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value)
  sendJsonText(response, error.statusCode, JSON.stringify(error.toBody()))
}

export function sendJsonText(response: ServerResponse, statusCode: number, body: string, etag?: string): void {
  response.statusCode = statusCode
  response.setHeader('content-type', 'application/json; charset=utf-8')
  response.setHeader('x-content-type-options', 'nosniff')
  if (etag) {
    response.setHeader('etag', etag)
    response.setHeader('cache-control', 'no-cache')
  }
  response.end(body)
}

/**
 * Answers 304 and returns true when the client already holds this version.
 * `exists`: the answer has been made, so that `If-None-Match: *` matches.
 */
export function answeredNotModified(request: IncomingMessage, response: ServerResponse, etag: string, exists = false): boolean {
  if (!etagMatches(request.headers['if-none-match'], etag, {exists})) return false
  response.statusCode = 304
  response.setHeader('etag', etag)
  response.setHeader('cache-control', 'no-cache')
  response.end()
  return true
}
