/**
 * The catalogue shard (catalog_titles.json) from its downloaded bytes, parsed and checked by load_catalog
 * (src/lib/catalog/shard.ts). Shared by the catalogue worker and the insights worker, so both read the file one way;
 * anything wrong with it is a file_unreadable error naming the file.
 */
import { load_catalog, type Catalog, type CatalogShard } from '../catalog/shard';
import { ArtifactError } from './errors';

export function read_catalog_shard(bytes: Uint8Array, file: string): Catalog {
	let shard: CatalogShard;
	try {
		shard = JSON.parse(new TextDecoder().decode(bytes)) as CatalogShard;
	} catch {
		throw new ArtifactError('file_unreadable', { file }, `The catalogue (data/${file}) is not valid JSON.`, file);
	}
	try {
		return load_catalog(shard);
	} catch (error) {
		throw new ArtifactError('file_unreadable', { file }, `The catalogue (data/${file}) cannot be read: ${(error as Error).message}`, file, error);
	}
}
