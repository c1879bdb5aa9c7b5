/**
 * Resolves when `el` comes within `margin` of the viewport (at once where IntersectionObserver is missing). Charts
 * fetch chart.js (40-50 KB gzip) through this: a page whose charts sit below the fold shows its first result without
 * waiting for, or paying for, the library.
 */
export function near_viewport(el: Element, margin = '300px'): Promise<void> {
	if (typeof IntersectionObserver === 'undefined') return Promise.resolve();
	return new Promise((resolve) => {
		const observer = new IntersectionObserver(
			(entries) => {
				if (!entries.some((e) => e.isIntersecting)) return;
				observer.disconnect();
				resolve();
			},
			{ rootMargin: margin }
		);
		observer.observe(el);
	});
}
