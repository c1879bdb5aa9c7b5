/**
 * The four catalogue queries, exactly as the issue names them, over the compact shard (src/lib/catalog/shard.ts).
 * Pure TypeScript: the page, the prerendered JSON endpoints, the benchmark and the tests all call these.
 *
 * Platforms are accepted by name or initial in any case (netflix/n, amazon/a, disney/d, hulu/h); an invalid
 * parameter throws CatalogQueryError naming the accepted values. Ties are broken deterministically:
 * - get_max_duration: the longest; among equally long titles the one whose title sorts first (code-point order of
 *   the lower-cased title), then the platform in the order netflix, amazon, disney, hulu, then the lower show_id;
 * - get_actor: the most titles; among actors with as many titles, the name that sorts first (code-point order).
 */
import { CatalogQueryError, check_duration_type, check_platform, check_scored, check_year, type ParamProblem } from './params';
import { PLATFORMS, type Platform } from './platforms';
import { title_id, TYPE_CODES, UNIT_CODES, type Catalog } from './shard';
import type { DurationUnit, TitleType } from './types';

type Raw = string | number | null | undefined;

export interface TitleSummary {
	id: string;
	title: string;
	platform: Platform;
	type: TitleType;
	release_year: number;
	duration: number;
	duration_unit: DurationUnit;
}

export interface MaxDurationResult {
	query: { year: number | null; platform: Platform | null; duration_type: DurationUnit | null };
	/** one entry per unit asked for (both, films first, when duration_type is omitted): minutes and seasons do not compare */
	longest: { duration_type: DurationUnit; title: TitleSummary | null; candidates: number }[];
}

export interface ScoreCountResult {
	query: { platform: Platform; scored: number; year: number };
	/** films on the platform released that year whose MovieLens score is strictly above `scored` */
	count: number;
	/** films on the platform released that year, and how many of them have a score at all */
	films: number;
	scored_films: number;
}

export interface CountPlatformResult {
	query: { platform: Platform };
	movies: number;
	series: number;
	total: number;
}

export interface ActorResult {
	query: { platform: Platform; year: number };
	/** null when no title of that platform and year lists its cast */
	actor: string | null;
	count: number;
	/**
	 * other actors with the same count, who lost the tie (name order, at most 10). Empty when the count is 1: then
	 * every actor of that year ties, and the shard keeps only the winner of such years (see catalog_shard.ts).
	 */
	tied_with: string[];
	/** titles of that platform and year, and how many list a cast */
	titles: number;
	titles_with_cast: number;
}

function fail_if(problems: ParamProblem[]): void {
	if (problems.length) throw new CatalogQueryError(problems);
}

const title_key = (s: string) => s.toLowerCase();

export class CatalogQueries {
	/** row numbers of each platform's titles, so a query with a platform reads only those */
	private readonly rows_of: Int32Array[];
	/** per-actor counts, reused by get_actor (reset after each call through the list of touched actors) */
	private readonly actor_count: Int32Array;

	constructor(readonly catalog: Catalog) {
		this.rows_of = PLATFORMS.map((_, p) => Int32Array.from({ length: catalog.n }, (_, k) => k).filter((k) => catalog.platform[k] === p));
		this.actor_count = new Int32Array(catalog.shard.actors.length);
	}

	get year_range() {
		return { min: this.catalog.shard.year_min, max: this.catalog.shard.year_max };
	}

	private summary(k: number): TitleSummary {
		const c = this.catalog;
		return {
			id: title_id(c, k),
			title: c.shard.title[k],
			platform: PLATFORMS[c.platform[k]],
			type: TYPE_CODES[c.type[k]],
			release_year: c.year[k],
			duration: c.duration[k],
			duration_unit: UNIT_CODES[c.unit[k]]
		};
	}

	/** The longest title; every filter optional (null / undefined / empty string = any). */
	get_max_duration(year?: Raw, platform?: Raw, duration_type?: Raw): MaxDurationResult {
		const problems: ParamProblem[] = [];
		const y = check_year(year, this.year_range, problems, true);
		const p = check_platform(platform, problems, true);
		const unit = check_duration_type(duration_type, problems);
		fail_if(problems);
		const c = this.catalog;
		const pi = p === null ? -1 : PLATFORMS.indexOf(p);
		const units: DurationUnit[] = unit ? [unit] : ['min', 'season'];
		const longest = units.map((u) => {
			const ui = UNIT_CODES.indexOf(u);
			let best = -1;
			let candidates = 0;
			for (let k = 0; k < c.n; k++) {
				if (c.unit[k] !== ui || (pi >= 0 && c.platform[k] !== pi) || (y !== null && c.year[k] !== y)) continue;
				candidates++;
				if (best < 0 || c.duration[k] > c.duration[best]) best = k;
				else if (c.duration[k] === c.duration[best]) {
					const a = title_key(c.shard.title[k]);
					const b = title_key(c.shard.title[best]);
					if (a < b || (a === b && (c.platform[k] < c.platform[best] || (c.platform[k] === c.platform[best] && c.shard.show[k] < c.shard.show[best])))) best = k;
				}
			}
			return { duration_type: u, title: best < 0 ? null : this.summary(best), candidates };
		});
		return { query: { year: y, platform: p, duration_type: unit }, longest };
	}

	/** How many films on `platform` released in `year` have a score strictly above `scored` (0 to 5). */
	get_score_count(platform: Raw, scored: Raw, year: Raw): ScoreCountResult {
		const problems: ParamProblem[] = [];
		const p = check_platform(platform, problems);
		const s = check_scored(scored, problems);
		const y = check_year(year, this.year_range, problems);
		fail_if(problems);
		const c = this.catalog;
		let count = 0;
		let films = 0;
		let scored_films = 0;
		for (const k of this.rows_of[PLATFORMS.indexOf(p!)]) {
			if (c.year[k] !== y || c.type[k] !== 0) continue;
			films++;
			const v = c.score[k];
			if (Number.isNaN(v)) continue;
			scored_films++;
			if (v > s!) count++;
		}
		return { query: { platform: p!, scored: s!, year: y! }, count, films, scored_films };
	}

	/** How many titles `platform` has: films, series and the total. */
	get_count_platform(platform: Raw): CountPlatformResult {
		const problems: ParamProblem[] = [];
		const p = check_platform(platform, problems);
		fail_if(problems);
		const c = this.catalog;
		let movies = 0;
		let series = 0;
		for (const k of this.rows_of[PLATFORMS.indexOf(p!)]) {
			if (c.type[k] === 0) movies++;
			else series++;
		}
		return { query: { platform: p! }, movies, series, total: movies + series };
	}

	/** The actor in the most titles of `platform` released in `year` (films and series), with that count. */
	get_actor(platform: Raw, year: Raw): ActorResult {
		const problems: ParamProblem[] = [];
		const p = check_platform(platform, problems);
		const y = check_year(year, this.year_range, problems);
		fail_if(problems);
		const c = this.catalog;
		const counts = this.actor_count;
		const touched: number[] = [];
		let titles = 0;
		let with_cast = 0;
		const actor_ids = c.shard.actor_ids;
		for (const k of this.rows_of[PLATFORMS.indexOf(p!)]) {
			if (c.year[k] !== y) continue;
			titles++;
			const ids = actor_ids[k];
			if (ids.length) with_cast++;
			for (const a of ids) if (counts[a]++ === 0) touched.push(a);
		}
		// actor ids are in name order (the shard's dictionary is sorted), so the lowest id wins a tie
		let best = -1;
		let best_count = 0;
		for (const a of touched) if (counts[a] > best_count || (counts[a] === best_count && a < best)) [best, best_count] = [a, counts[a]];
		const tied = best_count < 2 ? [] : touched.filter((a) => counts[a] === best_count && a !== best).sort((a, b) => a - b);
		for (const a of touched) counts[a] = 0;
		return {
			query: { platform: p!, year: y! },
			actor: best < 0 ? null : c.shard.actors[best],
			count: best_count,
			tied_with: tied.slice(0, 10).map((a) => c.shard.actors[a]),
			titles,
			titles_with_cast: with_cast
		};
	}
}
