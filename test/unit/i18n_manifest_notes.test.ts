/**
 * The manifest's free-form notes in Turkish and Spanish. The fixture holds every note of a real manifest (all
 * studios trained); after training changes a note, refresh it with
 *   node -e 'const m=require("./static/models/manifest.json");const notes=[...new Set([...m.models.flatMap(x=>x.notes??[]),...m.sources.flatMap(s=>s.notes??[])])];require("fs").writeFileSync("test/fixtures/manifest_notes.json",JSON.stringify({"//":"see test/unit/i18n_manifest_notes.test.ts",notes},null,"\t")+"\n")'
 * and a note that no longer matches its message fails here.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { set_locale } from '../../src/lib/i18n';
import { localise_number, manifest_note } from '../../src/lib/i18n/manifest_notes';
import { manifest_text } from '../../src/lib/i18n/manifest_text';

const { notes } = JSON.parse(readFileSync('test/fixtures/manifest_notes.json', 'utf8')) as { notes: string[] };

afterAll(() => set_locale('en'));

describe('manifest notes', () => {
	it('the fixture holds the notes of every studio', () => {
		expect(notes.length).toBeGreaterThan(50);
	});

	it.each(['tr', 'es'] as const)('every note of the manifest has a %s translation', (locale) => {
		set_locale(locale);
		const missing = notes.filter((n) => manifest_note(n) === null);
		expect(missing).toEqual([]);
		for (const n of notes) {
			const text = manifest_text(n);
			expect(text).not.toBe(n);
			expect(text).not.toMatch(/[{}\u0001\u0002]/);
		}
	});

	it('in English a note reads as written, numbers grouped', () => {
		set_locale('en');
		for (const n of notes) {
			const text = manifest_note(n)!;
			// the same words; only thousands separators and the minus sign may differ
			const plain = (s: string) => s.replace(/(\d),(\d{3})/g, '$1$2').replace(/\u2212/g, '-').replace(/E-/g, 'e-');
			expect(plain(text).toLowerCase()).toBe(plain(n).toLowerCase());
		}
	});

	it('writes computed figures in the language', () => {
		const parity = 'ONNX parity: max |onnx - in-memory| = 3.75e-6 on 2000 real rows in onnxruntime-web.';
		set_locale('tr');
		expect(manifest_note(parity)).toBe("ONNX uyumu: onnxruntime-web'de 2.000 gerçek satırda en büyük |onnx - bellekteki model| = 3,75E-6.");
		set_locale('es');
		expect(manifest_note('Training on 2 thread(s): 81.0 s for search, 5 folds and the final fit.')).toBe(
			'Entrenamiento con 2 hilo(s): 81,0 s para la búsqueda, los 5 pliegues y el ajuste final.'
		);
		expect(localise_number('-0.030')).toBe('−0,030');
		expect(localise_number('+0.044')).toBe('+0,044');
	});

	it('translates the caption traits that passed, and lists with a decimal comma', () => {
		set_locale('tr');
		const what = notes.find((n) => n.startsWith('What the data can say'))!;
		expect(manifest_note(what)).toContain('Etiket (+1,19, %95 aralık 0,50 ile 1,88 arası)');
		const ranking = notes.find((n) => n.startsWith('Ranking:'))!;
		expect(manifest_note(ranking)).toContain('0; 0,25; 0,5; 1');
	});

	it('leaves a note it does not know in English', () => {
		set_locale('es');
		expect(manifest_note('A note written after this app was built.')).toBeNull();
		expect(manifest_text('A note written after this app was built.')).toBe('A note written after this app was built.');
	});
});
