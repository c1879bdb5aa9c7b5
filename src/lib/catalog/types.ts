/** One row of the clean, unified catalogue (the ETL's output and the CSV visitors can download). */
import type { Platform } from './platforms';

export type TitleType = 'movie' | 'tv';
export type DurationUnit = 'min' | 'season';

export interface CatalogTitle {
	/** platform initial + source show_id, e.g. "n:s42": unique across the four files */
	id: string;
	platform: Platform;
	show_id: string;
	type: TitleType;
	title: string;
	directors: string[];
	cast: string[];
	genres: string[];
	countries: string[];
	/** ISO date (YYYY-MM-DD) or null when the source leaves it empty */
	date_added: string | null;
	release_year: number;
	/** the source's age rating, spelled consistently (Amazon's AGES_18_ -> 18+); null when missing */
	age_rating: string | null;
	/** minutes for films, seasons for series; null when the source gives none */
	duration: number | null;
	duration_unit: DurationUnit | null;
	description: string;
}
