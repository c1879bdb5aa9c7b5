/**
 * Calls to action, by kind, in English, Spanish and Turkish (the app's languages). Matched on NFKC-folded lower-case
 * text (see calls_to_action). Word boundaries are written as (?<![\p{L}\p{N}]) / (?![\p{L}\p{N}]) because \b only
 * knows ASCII letters ("sígueme", "paylaş").
 */
export const CTA_KINDS = ['link_in_bio', 'comment', 'tag', 'share', 'save', 'follow', 'shop', 'message', 'tap', 'swipe'] as const;
export type CtaKind = (typeof CTA_KINDS)[number];

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const re = (...alternatives: string[]) => new RegExp(`${B}(?:${alternatives.join('|')})${E}`, 'u');

export const CTA_PATTERNS: [CtaKind, RegExp][] = [
	['link_in_bio', re('link (?:is )?in (?:my |our |the )?bio', 'link in profile', 'links? en (?:la |mi |nuestra )?bio(?:grafía)?', 'enlace en (?:la |mi |nuestra )?bio(?:grafía)?', 'bi(?:yo|o)(?:grafi)?(?:deki|mdeki|mizdeki|muzdaki) (?:link|bağlantı)')],
	['comment', re('comment(?: below| down below)?', 'let (?:me|us) know', 'drop an? \\S+ (?:below|in the comments)', 'tell (?:me|us)', 'coment(?:a|en|ad|ario)s?', 'd[ée]jame', 'yorum(?:lara| yap| yaz|larda)\\S*')],
	['tag', re('tag (?:a |your |someone|them|us|me|\\S+ friend)', 'etiqueta(?:r|a)?(?: a)?', 'etiketle\\S*')],
	['share', re('share (?:this|with|it)', 'comp[aá]rt(?:e|elo|irlo|an)', 'payla[şs]\\S*')],
	['save', re('save (?:this|it|for later)', 'bookmark', 'gu[aá]rda(?:lo|r)?(?: esto)?', 'kaydet\\S*')],
	['follow', re('follow (?:me|us|for|along|@)', 'turn on (?:post )?notifications', 's[ií]g(?:ue|uen|anme)(?:me|nos)?', 'takip(?: et| edin)\\S*')],
	['shop', re('shop (?:now|the|our|it)', 'buy (?:now|it)', 'order (?:now|yours|today)', 'pre-?order', 'c[oó]mpra(?:lo)?(?: ya| ahora)?', 'sipariş\\S*', 'satın al\\S*')],
	['message', re('dm (?:me|us)', 'send (?:me|us) a (?:dm|message)', 'message (?:me|us)', 'escr[ií]beme', 'm[aá]ndame un (?:dm|mensaje)', 'dm(?:den|\\x27den)? (?:yaz|ulaş)\\S*')],
	['tap', re('(?:click|tap) (?:the |on )?(?:link|here|below|to)', 'haz clic', 'toca (?:el|aqu[ií])', 'linke t[ıi]kla\\S*', 'tıkla\\S*')],
	['swipe', re('swipe(?: left| right| up)?', 'desliza', 'kaydır\\S*')]
];
