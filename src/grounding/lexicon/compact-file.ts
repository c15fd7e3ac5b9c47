// A small container for lexical data converted once from its package into typed arrays and
// word lists: a JSON header naming the sections, then the sections themselves. Loading is a
// single read plus views onto the buffer, which keeps start-up fast and memory flat.
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeSynced } from '../../index-store/durable-files.js';

/** A list of strings is stored joined by newlines; a single string (`text`) as it is. */
export type Section = Int32Array | Float32Array | Int8Array | Uint8Array | string[] | { text: string };

type SectionKind = 'int32' | 'float32' | 'int8' | 'uint8' | 'strings' | 'text';

interface SectionInfo {
  name: string;
  kind: SectionKind;
  byteLength: number;
}

function kindOf(section: Section): SectionKind {
  if (Array.isArray(section)) return 'strings';
  if ('text' in section) return 'text';
  if (section instanceof Int32Array) return 'int32';
  if (section instanceof Float32Array) return 'float32';
  return section instanceof Int8Array ? 'int8' : 'uint8';
}

interface Header {
  format: string;
  sections: SectionInfo[];
}

const ALIGN = 4;

function padded(length: number): number {
  return Math.ceil(length / ALIGN) * ALIGN;
}

/** Writes the sections under a format tag; readers refuse files with another tag. */
export async function writeCompactFile(path: string, format: string, sections: Record<string, Section>): Promise<void> {
  const infos: SectionInfo[] = [];
  const bodies: Uint8Array[] = [];
  for (const [name, section] of Object.entries(sections)) {
    const bytes = Array.isArray(section)
      ? new TextEncoder().encode(section.join('\n'))
      : 'text' in section
        ? new TextEncoder().encode(section.text)
        : new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
    infos.push({ name, kind: kindOf(section), byteLength: bytes.byteLength });
    bodies.push(bytes);
  }
  const header = new TextEncoder().encode(JSON.stringify({ format, sections: infos } satisfies Header));
  const total = ALIGN + padded(header.byteLength) + bodies.reduce((sum, body) => sum + padded(body.byteLength), 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, header.byteLength, true);
  out.set(header, ALIGN);
  let offset = ALIGN + padded(header.byteLength);
  for (const body of bodies) {
    out.set(body, offset);
    offset += padded(body.byteLength);
  }
  await mkdir(dirname(path), { recursive: true });
  // Written beside, then renamed: a reader never sees half a file.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeSynced(temporary, out);
  await rename(temporary, path);
}

/** The sections of a compact file, or undefined when it is missing or of another format. */
export async function readCompactFile(path: string, format: string): Promise<Map<string, Section> | undefined> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch {
    return undefined;
  }
  // Typed-array views need 4-byte alignment; Node's pooled buffers may not have it.
  const bytes = raw.byteOffset % ALIGN === 0 ? raw : Buffer.from(raw);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < ALIGN) return undefined;
  const headerLength = view.getUint32(0, true);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(ALIGN, ALIGN + headerLength))) as Header;
  } catch {
    return undefined;
  }
  if (header.format !== format) return undefined;
  const sections = new Map<string, Section>();
  let offset = ALIGN + padded(headerLength);
  for (const info of header.sections) {
    if (offset + info.byteLength > bytes.byteLength) return undefined;
    const start = bytes.byteOffset + offset;
    if (info.kind === 'int32') sections.set(info.name, new Int32Array(bytes.buffer, start, info.byteLength / 4));
    else if (info.kind === 'float32') sections.set(info.name, new Float32Array(bytes.buffer, start, info.byteLength / 4));
    else if (info.kind === 'int8') sections.set(info.name, new Int8Array(bytes.buffer, start, info.byteLength));
    else if (info.kind === 'uint8') sections.set(info.name, new Uint8Array(bytes.buffer, start, info.byteLength));
    else if (info.kind === 'text') sections.set(info.name, { text: new TextDecoder().decode(bytes.subarray(offset, offset + info.byteLength)) });
    else sections.set(info.name, info.byteLength === 0 ? [] : new TextDecoder().decode(bytes.subarray(offset, offset + info.byteLength)).split('\n'));
    offset += padded(info.byteLength);
  }
  return sections;
}

/** Compressed sparse rows: the targets of row i are values[starts[i] .. starts[i + 1]). */
export class Rows {
  constructor(
    readonly starts: Int32Array,
    readonly values: Int32Array,
  ) {}

  static build(rowCount: number, rows: (number[] | undefined)[]): Rows {
    const starts = new Int32Array(rowCount + 1);
    let total = 0;
    for (let i = 0; i < rowCount; i++) {
      starts[i] = total;
      total += rows[i]?.length ?? 0;
    }
    starts[rowCount] = total;
    const values = new Int32Array(total);
    for (let i = 0; i < rowCount; i++) values.set(rows[i] ?? [], starts[i]!);
    return new Rows(starts, values);
  }

  row(i: number): Int32Array {
    return this.values.subarray(this.starts[i]!, this.starts[i + 1]!);
  }
}
