/**
 * Reading a bundle: a folder, or a .tar.gz of one (extracted to a temporary folder first, so attachment files can
 * be hashed and sniffed like uploads). Lines are streamed: a bundle of millions of lines never sits in memory.
 */
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { extract } from 'tar';
import { Compile } from 'typebox/compile';
import { FORMAT_NAME, FORMAT_VERSION, Manifest, type ManifestData } from './format.js';
import { ExchangeError } from './errors.js';

export interface OpenBundle {
  dir: string;
  manifest: ManifestData;
  close: () => void;
}

const checkManifest = Compile(Manifest);

export async function openBundle(path: string): Promise<OpenBundle> {
  if (!existsSync(path)) throw new ExchangeError(`${path} n’existe pas.`);
  let dir = path;
  let close = () => {};
  if (statSync(path).isFile()) {
    dir = mkdtempSync(join(tmpdir(), 'ecom-bundle-'));
    close = () => rmSync(dir, { recursive: true, force: true });
    try {
      // Only regular files and folders: links in an archive could point outside the folder.
      await extract({ file: path, cwd: dir, strict: true, filter: (_p, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory') });
    } catch (err) {
      close();
      throw new ExchangeError(`archive illisible (${(err as Error).message}).`);
    }
  }
  const manifestPath = join(dir, 'manifest.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    close();
    throw new ExchangeError('manifest.json absent ou mal formé.');
  }
  const version = (manifest as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== FORMAT_VERSION) {
    close();
    throw new ExchangeError(`version de format ${version} inconnue de cette version de la plateforme (elle lit la version ${FORMAT_VERSION}).`);
  }
  if (!checkManifest.Check(manifest)) {
    close();
    const first = [...checkManifest.Errors(manifest)][0];
    throw new ExchangeError(`manifest.json invalide (${first?.instancePath || '/'} : ${first?.message ?? 'format'} ; attendu "format": "${FORMAT_NAME}").`);
  }
  return { dir, manifest, close };
}

/** The lines of one file with their numbers (1-based); a file the bundle does not have has none. */
export async function* readLines(file: string): AsyncGenerator<{ n: number; text: string }> {
  if (!existsSync(file)) return;
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n += 1;
    if (text.trim() !== '') yield { n, text };
  }
}
