/**
 * Seeded pseudo-random numbers shared by the core (subsampling, fold assignment, synthetic fixtures).
 * Math.random is never used in src/lib/core: every model and split must be reproducible from its seed.
 */

/** mulberry32: 32-bit state, good enough statistical quality for sampling, and identical in Node and browsers. */
export function make_rng(seed: number): () => number {
	// Mix the seed once so that nearby seeds (0, 1, 2...) start from unrelated states.
	let state = (Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Standard normal draw (Box-Muller); used by synthetic fixtures and tests. */
export function normal(rng: () => number): number {
	let u = rng();
	while (u <= 0) u = rng();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** In-place Fisher-Yates shuffle driven by `rng`. */
export function shuffle_in_place<T extends { length: number; [i: number]: unknown }>(a: T, rng: () => number): T {
	for (let i = a.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		const t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
	return a;
}
