/** Step-by-step progress lines with timings, so a 4-minute run says where it is and what each part cost. */

export interface Reporter {
	log(line: string): void;
}

export const console_reporter: Reporter = { log: (line) => console.log(line) };
export const silent_reporter: Reporter = { log: () => {} };

export function format_ms(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export class Progress {
	private readonly t0 = performance.now();
	readonly timings: { step: string; ms: number; skipped: boolean }[] = [];

	constructor(readonly reporter: Reporter = console_reporter) {}

	log(line: string): void {
		this.reporter.log(line);
	}

	/** Run one step, printing its start, and its end with elapsed time. */
	async step<T>(name: string, fn: (note: (line: string) => void) => Promise<T> | T): Promise<T> {
		const t = performance.now();
		this.log(`▶ ${name}`);
		const result = await fn((line) => this.log(`    ${line}`));
		const ms = performance.now() - t;
		this.timings.push({ step: name, ms, skipped: false });
		this.log(`✓ ${name} (${format_ms(ms)})`);
		return result;
	}

	skipped(name: string, why = 'up to date'): void {
		this.timings.push({ step: name, ms: 0, skipped: true });
		this.log(`= ${name}: skipped, ${why}`);
	}

	total_ms(): number {
		return performance.now() - this.t0;
	}
}
