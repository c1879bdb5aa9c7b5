// node:test reporter that writes {passed, failed, skipped} as JSON, so scripts/test.sh can print one total.
// Plain JavaScript: node loads reporters before any TypeScript loader is in place.
export default async function* count_reporter(source) {
	const counts = { passed: 0, failed: 0, skipped: 0 };
	for await (const event of source) {
		// Count leaf tests only: suites report as tests too, with details.type === 'suite'.
		if (event.data?.details?.type === 'suite') continue;
		if (event.type === 'test:pass') {
			if (event.data.skip || event.data.todo) counts.skipped++;
			else counts.passed++;
		} else if (event.type === 'test:fail') counts.failed++;
	}
	yield JSON.stringify(counts) + '\n';
}
