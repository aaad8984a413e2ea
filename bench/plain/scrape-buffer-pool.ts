/** Plain stand-in for http/metrics/scrape-buffer-pool.ts: a new buffer per scrape, left to the GC. */
export interface ScrapeLease {
  readonly bytes: Buffer;
  release(): void;
}

export class ScrapeBufferPool {
  lease(size: number, fill: (buffer: Buffer) => number): ScrapeLease {
    const buffer = Buffer.allocUnsafe(size);
    return { bytes: buffer.subarray(0, fill(buffer)), release: () => {} };
  }
}
