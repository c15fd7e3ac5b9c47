// Parsing of the answer stream's Server-Sent Events, shared by the widget and the tests so
// both read the stream exactly as the server writes it (src/server/sse.ts).
export interface StreamEvent {
  event: string;
  data: unknown;
}

/** One event block ("event: x\ndata: {...}"), or undefined when it carries no data. */
export function parseEventBlock(block: string): StreamEvent | undefined {
  const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
  const data = block
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice(6))
    .join('\n');
  return data ? { event, data: JSON.parse(data) as unknown } : undefined;
}

/** Splits buffered stream text into complete events and the unfinished rest. */
export function takeEvents(buffer: string): { events: StreamEvent[]; rest: string } {
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  return { events: blocks.map(parseEventBlock).filter((event): event is StreamEvent => event !== undefined), rest };
}
