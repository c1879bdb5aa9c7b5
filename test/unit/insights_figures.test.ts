import { describe, expect, it } from 'vitest';
import { to_csv } from '../../src/routes/insights/csv';
import { comparison, pick_evaluations } from '../../src/routes/insights/comparison';
import { corr_colour } from '../../src/routes/insights/figures';
import type { Evaluation, ModelEntry } from '../../src/lib/core/manifest';

describe('insights CSV', () => {
	it('quotes what needs quoting, writes numbers in full and missing values empty', () => {
		const csv = to_csv(['name', 'value'], [['a, "b"', 0.125], ['line\nbreak', NaN], ['plain', null]]);
		expect(csv).toBe('name,value\r\n"a, ""b""",0.125\r\n"line\nbreak",\r\nplain,\r\n');
	});
});

describe('correlation colours', () => {
	it('white at 0, full red at +1, full blue at -1, grey when unknown', () => {
		expect(corr_colour(0)).toBe('rgb(255, 255, 255)');
		expect(corr_colour(1)).toBe('rgb(178, 24, 43)');
		expect(corr_colour(-1)).toBe('rgb(33, 102, 172)');
		expect(corr_colour(NaN)).toBe('#eeeeee');
	});
});

const ev = (split: string, output: string | undefined, model: number, logistic: number, untuned?: number, ref?: number): Evaluation => ({
	split, output, description: '', folds: 5,
	metrics: [{ name: 'auc', mean: model, std: 0.01 }],
	baselines: [{ name: 'base rate', description: '', metrics: [{ name: 'auc', mean: 0.5 }] }, { name: 'logistic regression', description: '', metrics: [{ name: 'auc', mean: logistic }] }],
	...(untuned !== undefined ? { untuned: { description: '', metrics: [{ name: 'auc', mean: untuned }], hyperparameters: {} } } : {}),
	...(ref !== undefined ? { reference: { name: 'XGBoost', metrics: [{ name: 'auc', mean: ref }] } } : {})
});

describe('model comparison from the manifest', () => {
	const names = { model: 'tuned', untuned: 'untuned', reference: 'reference' };
	const model = {
		output: { name: 'p', meaning: '', columns: [{ name: 'us:top200', index: 0, base_rate: 0.27, positives: 1 }] },
		evaluations: [ev('artist-5fold', 'us:top200', 0.71, 0.66, 0.67, 0.712), ev('artist-5fold', 'us:top50', 0.67, 0.6), ev('recording-5fold', 'us:top200', 0.72, 0.68)]
	} as unknown as ModelEntry;

	it('a multi-output model is compared for one split and chart depth at a time', () => {
		expect(pick_evaluations(model, 'artist-5fold', 'top200').map((e) => e.output)).toEqual(['us:top200']);
		expect(pick_evaluations(model, 'recording-5fold', 'top200')).toHaveLength(1);
	});

	it('baselines first, then untuned, the shipped model and the reference, with their values', () => {
		const c = comparison(pick_evaluations(model, 'artist-5fold', 'top200'), names, (e) => e.output!.split(':')[0]);
		expect(c.metric).toBe('auc');
		expect(c.methods).toEqual(['base rate', 'logistic regression', 'untuned', 'tuned', 'reference']);
		expect(c.rows[0]).toMatchObject({ label: 'us', values: { 'base rate': 0.5, 'logistic regression': 0.66, untuned: 0.67, tuned: 0.71, reference: 0.712 } });
		expect(c.rows[0].std.tuned).toBe(0.01);
	});
});
