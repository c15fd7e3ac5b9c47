// CORS for the API: the server's own origin, localhost, and the configured allowlist may call
// it from a browser; everyone else gets no CORS headers (and so no access from scripts).
import type { RequestHandler } from 'express';

function isLocalhost(origin: string): boolean {
  try {
    const { hostname, protocol } = new URL(origin);
    return (protocol === 'http:' || protocol === 'https:') && (hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]');
  } catch {
    return false;
  }
}

export function corsMiddleware(allowedOrigins: readonly string[]): RequestHandler {
  const allowAll = allowedOrigins.includes('*');
  return (request, response, next) => {
    const origin = request.headers.origin;
    if (origin && (allowAll || allowedOrigins.includes(origin) || isLocalhost(origin))) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      response.setHeader('Access-Control-Allow-Headers', 'Content-Type, Accept');
      response.setHeader('Access-Control-Max-Age', '600');
    }
    response.append('Vary', 'Origin');
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    next();
  };
}
