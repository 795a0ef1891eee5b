// JSON answers written in one go: Express's res.json copies a body of 1,000 characters or more
// into a Buffer and sets each header through its own helpers; the profile of the verdict route
// showed that work, so answers are written here with one writeHead and the string itself.
import type { ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
