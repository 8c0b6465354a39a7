/**
 * Types for the `heic-decode` package (libheif compiled to WebAssembly), which ships none. Only the
 * parts the HEIC worker uses are described.
 */
declare module 'heic-decode' {
  interface HeicPixels {
    readonly width: number;
    readonly height: number;
    /** RGBA, 8 bits a channel, rows top to bottom. */
    readonly data: Uint8ClampedArray;
  }
  interface HeicImage {
    /** From the container's `ispe` property: known before any pixel is decoded. */
    readonly width: number;
    readonly height: number;
    decode(): Promise<HeicPixels>;
  }
  type HeicImageList = HeicImage[] & { dispose(): void };
  interface HeicDecode {
    (input: { buffer: Uint8Array }): Promise<HeicPixels>;
    /** Parses the container only; each image decodes on demand. Call `dispose()` when done. */
    all(input: { buffer: Uint8Array }): Promise<HeicImageList>;
  }
  const decode: HeicDecode;
  export default decode;
}
