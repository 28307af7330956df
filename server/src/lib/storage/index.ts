import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../config.js';
import { LocalStorage } from './local.js';
import { S3Storage } from './s3.js';

/**
 * Where attachment bytes live. Keys are content addresses (sha256), so a put of an existing key
 * is a no-op and a blob never changes once written.
 */
export interface Storage {
  readonly kind: 'local' | 's3';
  /**
   * Stores the file at `tmpPath` (on local disk, fully written) under `key`, then removes `tmpPath`.
   * `sha256` is the hex digest of the content, already computed while receiving it.
   */
  putFile(key: string, tmpPath: string, meta: { size: number; mime: string; sha256: string }): Promise<void>;
  /** The blob as a stream, or null when it does not exist. */
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  delete(key: string): Promise<void>;
}

/** Directory for uploads being received, on local disk whatever the storage (S3 uploads start from a file). */
export function uploadTmpDir(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'uploads', 'tmp');
}

/** Content-addressed key: two levels of fan-out keep directories small. */
export function keyFor(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export function createStorage(config: Pick<Config, 'dataDir' | 's3'>): Storage {
  if (config.s3) return new S3Storage(config.s3);
  return new LocalStorage(join(config.dataDir, 'uploads'));
}
