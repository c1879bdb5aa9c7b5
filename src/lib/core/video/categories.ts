/**
 * YouTube's video categories (id -> name) as the API lists them (the US category file of the 2020 set, a superset of
 * the 2017 ones). The ETL names categories from each set's own file; the app needs the list before any data loads.
 * Names are the API's English names, shown as data.
 */
export const YOUTUBE_CATEGORIES: ReadonlyMap<number, string> = new Map<number, string>([
	[1, "Film & Animation"],
	[2, "Autos & Vehicles"],
	[10, "Music"],
	[15, "Pets & Animals"],
	[17, "Sports"],
	[18, "Short Movies"],
	[19, "Travel & Events"],
	[20, "Gaming"],
	[21, "Videoblogging"],
	[22, "People & Blogs"],
	[23, "Comedy"],
	[24, "Entertainment"],
	[25, "News & Politics"],
	[26, "Howto & Style"],
	[27, "Education"],
	[28, "Science & Technology"],
	[29, "Nonprofits & Activism"],
	[30, "Movies"],
	[31, "Anime/Animation"],
	[32, "Action/Adventure"],
	[33, "Classics"],
	[34, "Comedy"],
	[35, "Documentary"],
	[36, "Drama"],
	[37, "Family"],
	[38, "Foreign"],
	[39, "Horror"],
	[40, "Sci-Fi/Fantasy"],
	[41, "Thriller"],
	[42, "Shorts"],
	[43, "Shows"],
	[44, "Trailers"]
]);
