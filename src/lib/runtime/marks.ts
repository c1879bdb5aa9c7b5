/**
 * Named performance marks ("hitcast:<where>:<step>") on the main thread and in the workers, so a benchmark (or
 * DevTools' Performance panel, which shows them as timings) can break the load to the first prediction into steps.
 * A mark costs a few microseconds; nothing here changes behaviour.
 */
export function mark(name: string): void {
	try {
		performance.mark(`hitcast:${name}`);
	} catch {
		/* no Performance API: nothing to record */
	}
}
