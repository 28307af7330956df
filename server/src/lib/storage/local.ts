import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Storage } from './index.js';

/**
 * Blobs under `root`, one file per key. Writes are atomic: the temp file (same file system,
 * DATA_DIR/uploads/tmp) is renamed into place, so a reader never sees a half-written file.
 */
export class LocalStorage implements Storage {
  readonly kind = 'local' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    const path = resolve(join(this.root, 'blobs', key));
    // Keys are ours (hex digests), but a path must never leave the storage root.
    if (!path.startsWith(this.root + sep)) throw new Error(`clé de stockage invalide : ${key}`);
    return path;
  }

  async putFile(key: string, tmpPath: string): Promise<void> {
    const target = this.pathOf(key);
    const exists = await stat(target).then(() => true, () => false);
    if (exists) {
      await unlink(tmpPath).catch(() => undefined);
      return;
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(tmpPath, target);
  }

  async get(key: string) {
    const path = this.pathOf(key);
    const info = await stat(path).catch(() => null);
    if (!info) return null;
    return { stream: createReadStream(path), size: info.size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
