/**
 * Decodes HEIC photos (iPhones' default) to raw RGBA, in a worker thread. sharp's prebuilt libvips
 * reads the HEIF container but has no HEVC decoder, so heic-decode (libheif in WebAssembly) does the
 * decoding; it is synchronous and slow, hence a short-lived worker per photo, at most
 * HEIC_CONCURRENCY at a time, ended after a time limit. A worker that crashes takes nothing down.
 *
 * @example
 *   const r = await decodeHeic(bytes, 40_000_000);
 *   if (r.kind === 'decoded') sharp(r.rgba, { raw: { width: r.width, height: r.height, channels: 4 } });
 */
import { Worker } from 'node:worker_threads';
import type { HeicWorkerResult } from './heic-decode-worker.ts';

export type HeicDecodeResult = HeicWorkerResult;

/** Each decode holds the whole image in memory (4 bytes a pixel, plus libheif's own planes). */
const HEIC_CONCURRENCY = 2;
const HEIC_TIMEOUT_MS = 60_000;

const WORKER_URL = new URL('./heic-decode-worker.ts', import.meta.url);

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= HEIC_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function isResult(value: unknown): value is HeicWorkerResult {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'decoded' || kind === 'too_large' || kind === 'unreadable';
}

function runWorker(bytes: Uint8Array, maxPixels: number, timeoutMs: number): Promise<HeicWorkerResult> {
  // A private copy, moved to the worker: the caller's Buffer may be a slice of a shared pool.
  const copy = new Uint8Array(bytes);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { bytes: copy, maxPixels }, transferList: [copy.buffer] });
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`HEIC decoding took longer than ${timeoutMs} ms`))), timeoutMs);
    worker.once('message', (message: unknown) => finish(() => (isResult(message) ? resolve(message) : reject(new Error('HEIC worker sent an unexpected message')))));
    worker.once('error', (err: Error) => finish(() => reject(err)));
    worker.once('exit', (code: number) => finish(() => reject(new Error(`HEIC worker stopped (exit code ${code}) before answering`))));
  });
}

/**
 * Decodes the first image of a HEIC file. Never decodes pixels of an image whose declared size
 * exceeds `maxPixels` (answers 'too_large'); answers 'unreadable' for anything libheif cannot decode.
 * Rejects only when the worker itself fails (crash, time limit).
 */
export function decodeHeic(bytes: Uint8Array, maxPixels: number, timeoutMs = HEIC_TIMEOUT_MS): Promise<HeicDecodeResult> {
  return withSlot(() => runWorker(bytes, maxPixels, timeoutMs));
}
