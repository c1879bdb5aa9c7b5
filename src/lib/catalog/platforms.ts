/**
 * The four platforms and how visitors may name them: full name or initial, any case ("Netflix", "n", "DISNEY").
 * Shared by the ETL (which tags each row), the queries and the page.
 */
export const PLATFORMS = ['netflix', 'amazon', 'disney', 'hulu'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Record<Platform, string> = {
	netflix: 'Netflix',
	amazon: 'Amazon Prime Video',
	disney: 'Disney+',
	hulu: 'Hulu'
};

/** Every spelling accepted, for error messages: "netflix/n, amazon/a, disney/d, hulu/h". */
export const ACCEPTED_PLATFORMS = PLATFORMS.map((p) => `${p}/${p[0]}`).join(', ');

const ALIASES: Record<string, Platform> = Object.fromEntries(
	PLATFORMS.flatMap((p) => [
		[p, p],
		[p[0], p]
	])
);
// the names the source files and people use beside ours
ALIASES['amazon prime'] = 'amazon';
ALIASES['amazon prime video'] = 'amazon';
ALIASES['prime'] = 'amazon';
ALIASES['disney+'] = 'disney';
ALIASES['disney plus'] = 'disney';

/** The platform a visitor's text names, or null when it names none. */
export function parse_platform(text: string): Platform | null {
	return ALIASES[text.trim().toLowerCase()] ?? null;
}
