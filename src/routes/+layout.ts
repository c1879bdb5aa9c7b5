// Every page is prerendered to a static file. 'always' writes music/index.html rather than music.html, which every
// static host serves at /music/ without rewrite rules, also under a base path (GitHub Pages project sites).
export const prerender = true;
export const trailingSlash = 'always';
