import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expand_braces, repository_snapshots, source_from_sources_md, table_records, table_rows } from '../../training/export/manifest';

// A SOURCES.md in the shapes the dataset folders use: the file cell is a bare name (spotify), a path under the
// folder (streaming), a composite description (movielens), or inline code (instagram).
const SOURCES_MD = `# Where each file came from

| file | original dataset | taken from | rows | license |
|---|---|---|---|---|
| plain_tracks.csv.gz | Kaggle "Plain Tracks" (someone) | owner/repo @ abc123 | 1,000 | CC0 |
| titles/netflix_titles.csv.gz | Kaggle "Netflix Movies and TV Shows" (shivamb) | other/repo @ def456 | 8,807 | unknown |
| titles/hulu_titles.csv.gz | Kaggle "Hulu Movies and TV Shows" (shivamb) | same | 3,073 | same |
| movielens/ml-latest-small/{ratings,movies}.csv.gz and README.txt | GroupLens MovieLens | third/repo @ 0202 | 100,836 ratings | GroupLens terms |
| \`coded/file.csv.gz\` | a \`quoted\` dataset | fourth/repo | 5 | MIT |

## Quality notes
- Titles: 3 rows hold the duration in the \`rating\` column,
  and one more line of the same note.
- Unrelated: not picked.
`;

const dir = mkdtempSync(join(tmpdir(), 'hitcast-sources-'));
const path = join(dir, 'SOURCES.md');
writeFileSync(path, SOURCES_MD);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('source_from_sources_md', () => {
	it('finds the row of a file named by its bare name', () => {
		const s = source_from_sources_md(path, 'music/plain_tracks.csv.gz', 'plain', 1000, []);
		expect(s).toMatchObject({ title: 'Kaggle "Plain Tracks" (someone)', origin: 'owner/repo @ abc123', license: 'CC0', rows: 1000 });
	});

	it('finds the row of a file named by its path under the folder (the streaming table)', () => {
		const s = source_from_sources_md(path, 'streaming/titles/netflix_titles.csv.gz', 'netflix', 8807, []);
		expect(s.title).toBe('Kaggle "Netflix Movies and TV Shows" (shivamb)');
		expect(s.origin).toBe('other/repo @ def456');
	});

	it('reads a cell that says "same" as the cell above it', () => {
		const s = source_from_sources_md(path, 'streaming/titles/hulu_titles.csv.gz', 'hulu', 3073, []);
		expect(s).toMatchObject({ title: 'Kaggle "Hulu Movies and TV Shows" (shivamb)', origin: 'other/repo @ def456', license: 'unknown' });
	});

	it('finds a row whose file cell is a description of several files', () => {
		const s = source_from_sources_md(path, 'movielens/ml-latest-small/{ratings,movies}.csv.gz and README.txt', 'ml', 100836, []);
		expect(s.license).toBe('GroupLens terms');
	});

	it('reads cells without their inline-code backticks', () => {
		const s = source_from_sources_md(path, 'x/coded/file.csv.gz', 'coded', 5, []);
		expect(s.title).toBe('a quoted dataset');
	});

	it('does not take a row for another file with the same ending', () => {
		const s = source_from_sources_md(path, 'music/other_plain_tracks.csv.gz', 'other', 1, []);
		expect(s.origin).toBe('unknown (SOURCES.md has no row for music/other_plain_tracks.csv.gz)');
		expect(s.license).toBe('unknown');
	});

	it('says when SOURCES.md is missing instead of inventing provenance', () => {
		const s = source_from_sources_md(join(dir, 'absent.md'), 'a/b.csv', 'b', 2, []);
		expect(s.origin).toBe('unknown (SOURCES.md not found)');
	});

	it('keeps the quality notes that start with a given prefix, joined over wrapped lines', () => {
		const s = source_from_sources_md(path, 'music/plain_tracks.csv.gz', 'plain', 1000, ['Titles:']);
		expect(s.notes).toEqual(['Titles: 3 rows hold the duration in the rating column, and one more line of the same note.']);
	});
});

describe('table_rows', () => {
	it('splits every table line into trimmed cells', () => {
		expect(table_rows('| a | `b` |\n|---|---|\ntext\n| c |  d |')).toEqual([['a', 'b'], ['---', '---'], ['c', 'd']]);
	});
});

// The YouTube folder's layout: one table per dataset, with the repository and its commit in named columns (in
// different places), "same" cells, file families in braces, and a table with no repository columns at all.
const SNAPSHOTS_MD = `# YouTube

| file | rows | trending days | source repo | path | commit (HEAD) | blob |
|---|---|---|---|---|---|---|
| \`yt/new/USvideos.csv.gz\` | 3000 | 15 | alice/us-copy | \`data/US.csv\` | 28f497ae1c39461d733f98c0693affddbbaa1392 | 9148563 |
| \`yt/new/GBvideos.csv.gz\` | 760 | 4 | bob/flyai | \`GB.csv\` | 683f4c2e6f79feaaac23d55040871a8b80a962cb | 8f13b5b |
| \`yt/new/CAvideos.csv.gz\` | 786 | 4 | same | \`CA.csv\` | same | a8b1a2d |
| \`yt/new/{US,GB}_category_id.json\` | 31 | – | carol/categories | \`data/<CC>.json\` | 2b834d79fd39294595f78131637dc5b14260276a | 1e24d62 |

| file | rows | source repo | path | commit (HEAD) | blob |
|---|---|---|---|---|---|
| \`yt/sub/table.csv.gz\` (**recommended**) | 4547 | dave/trends | \`data/table.csv\` | c95fdd1b56f2d9b1506110f9df6b47c55db28700 | 391b160 |

| file | rows | days | blob |
|---|---|---|---|
| \`yt/2020/US.csv.gz\` | 872 | 5 | 82fb4bb |
`;
const snapshots_path = join(dir, 'YOUTUBE_SOURCES.md');
writeFileSync(snapshots_path, SNAPSHOTS_MD);

describe('repository_snapshots', () => {
	it('names each file family by its repository and commit, once each, in the order of the tables', () => {
		const files = ['yt/new/USvideos.csv.gz', 'yt/new/US_category_id.json', 'yt/new/GBvideos.csv.gz', 'yt/new/CAvideos.csv.gz', 'yt/new/GB_category_id.json'];
		expect(repository_snapshots(snapshots_path, files)).toEqual(['alice/us-copy @ 28f497ae', 'bob/flyai @ 683f4c2e', 'carol/categories @ 2b834d79']);
	});

	it('reads the columns of each table where that table has them, and a file cell with a remark after its path', () => {
		expect(repository_snapshots(snapshots_path, ['yt/sub/table.csv.gz'])).toEqual(['dave/trends @ c95fdd1b']);
	});

	it('gives nothing for a table without repository columns, an unlisted file or a missing SOURCES.md', () => {
		expect(repository_snapshots(snapshots_path, ['yt/2020/US.csv.gz'])).toEqual([]);
		expect(repository_snapshots(snapshots_path, ['yt/new/FRvideos.csv.gz'])).toEqual([]);
		expect(repository_snapshots(join(dir, 'absent.md'), ['yt/new/USvideos.csv.gz'])).toEqual([]);
	});
});

describe('expand_braces', () => {
	it('expands one brace group into the files it stands for', () => {
		expect(expand_braces('yt/{US, GB,CA}_category_id.json')).toEqual(['yt/US_category_id.json', 'yt/GB_category_id.json', 'yt/CA_category_id.json']);
		expect(expand_braces('yt/plain.json')).toEqual(['yt/plain.json']);
	});
});

describe('table_records', () => {
	it('reads each row under the header of its own table, by column name', () => {
		const md = '| file | repo |\n|---|---|\n| a.csv | x/y |\n| b.csv |\n\n| file | rows | repo |\n|:--|--:|---|\n| c.csv | 3 | z/w |';
		expect(table_records(md)).toEqual([
			{ file: 'a.csv', repo: 'x/y' },
			{ file: 'b.csv', repo: '' },
			{ file: 'c.csv', rows: '3', repo: 'z/w' }
		]);
	});

	it('skips table lines before any header', () => {
		expect(table_records('| stray | row |\n| file |\n|---|\n| a |')).toEqual([{ file: 'a' }]);
	});
});
