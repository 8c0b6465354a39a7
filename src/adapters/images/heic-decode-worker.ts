/**
 * Worker-thread body that decodes one HEIC photo to RGBA. heic-decode runs libheif compiled to
 * WebAssembly synchronously (seconds for a 12-megapixel photo), so it must not run on the event
 * loop; see heic-decoder.ts for the caller. The image's declared size is checked against the pixel
 * limit before any pixel is decoded, so a decompression bomb never allocates its pixels.
 *
 * Input (workerData): { bytes: Uint8Array, maxPixels: number }. Output: one HeicWorkerResult message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import decode from 'heic-decode';

export type HeicWorkerResult =
  | { readonly kind: 'decoded'; readonly width: number; readonly height: number; readonly rgba: Uint8Array<ArrayBuffer> }
  | { readonly kind: 'too_large'; readonly width: number; readonly height: number }
  | { readonly kind: 'unreadable' };

function readInput(data: unknown): { bytes: Uint8Array; maxPixels: number } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { bytes, maxPixels } = data as { bytes?: unknown; maxPixels?: unknown };
  if (!(bytes instanceof Uint8Array) || typeof maxPixels !== 'number') return undefined;
  return { bytes, maxPixels };
}

async function run(data: unknown): Promise<HeicWorkerResult> {
  const input = readInput(data);
  if (!input) return { kind: 'unreadable' };
  let images: Awaited<ReturnType<typeof decode.all>>;
  try {
    images = await decode.all({ buffer: input.bytes });
  } catch {
    return { kind: 'unreadable' };
  }
  try {
    const first = images[0];
    if (!first || !(first.width > 0 && first.height > 0)) return { kind: 'unreadable' };
    if (first.width * first.height > input.maxPixels) return { kind: 'too_large', width: first.width, height: first.height };
    const pixels = await first.decode();
    const buffer = pixels.data.buffer;
    if (!(buffer instanceof ArrayBuffer) || pixels.data.length !== pixels.width * pixels.height * 4) return { kind: 'unreadable' };
    return { kind: 'decoded', width: pixels.width, height: pixels.height, rgba: new Uint8Array(buffer, pixels.data.byteOffset, pixels.data.byteLength) };
  } catch {
    return { kind: 'unreadable' };
  } finally {
    images.dispose();
  }
}

const port = parentPort;
if (port) {
  void run(workerData).then((result) => {
    // The pixel buffer is a plain ArrayBuffer made by heic-decode, so it can be moved, not copied.
    port.postMessage(result, result.kind === 'decoded' ? [result.rgba.buffer] : []);
  });
}
