/**
 * The ONNX bytes of a gradient-boosted model, rebuilt in the worker from the trees file it has already downloaded
 * (for the drivers) instead of downloading the same trees a second time in ONNX form: for the two music models that
 * is 1.5 MB gzip less to fetch and to keep offline. The pipeline wrote the published ONNX file with the same
 * deterministic exporter from the same in-memory model (decode_gbdt_binary restores it exactly), so the rebuilt bytes
 * must hash to the manifest's sha256; they are checked, so the session runs exactly the published model, the one whose
 * parity with the trees the pipeline measured.
 */
import type { GbdtModel } from '../core/gbdt/types';
import type { ModelEntry } from '../core/manifest';
import { gbdt_to_onnx } from '../core/onnx';
import { sha256_hex } from '../runtime/artifacts';
import { ArtifactError } from '../runtime/errors';

/** `label` names the model in an error, e.g. "the music model". */
export async function onnx_from_trees(model: ModelEntry, trees: GbdtModel, label: string, manifest_url: string): Promise<Uint8Array> {
	const bytes = gbdt_to_onnx(trees, { input_name: model.input.name, output_name: model.output.name });
	const actual = await sha256_hex(bytes);
	if (actual !== model.sha256.toLowerCase()) {
		throw new ArtifactError(
			'version_mismatch',
			{ file: model.trees_file ?? model.file },
			`${label.charAt(0).toUpperCase()}${label.slice(1)} rebuilt from its trees differs from the published ONNX file (sha256 ${actual.slice(0, 12)}… where the manifest says ${model.sha256.slice(0, 12)}…); the trees and the manifest are from different versions.`,
			manifest_url
		);
	}
	return bytes;
}
