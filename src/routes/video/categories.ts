/**
 * YouTube's category names as the video studio shows them, in the active language (the data and the core keep the ids
 * and YouTube's English names; an id YouTube never named shows as the number).
 */
import { m } from '$lib/paraglide/messages.js';

const LABELS: Record<number, () => string> = {
	1: m.video_category_1,
	2: m.video_category_2,
	10: m.video_category_10,
	15: m.video_category_15,
	17: m.video_category_17,
	18: m.video_category_18,
	19: m.video_category_19,
	20: m.video_category_20,
	21: m.video_category_21,
	22: m.video_category_22,
	23: m.video_category_23,
	24: m.video_category_24,
	25: m.video_category_25,
	26: m.video_category_26,
	27: m.video_category_27,
	28: m.video_category_28,
	29: m.video_category_29,
	30: m.video_category_30,
	31: m.video_category_31,
	32: m.video_category_32,
	33: m.video_category_33,
	34: m.video_category_34,
	35: m.video_category_35,
	36: m.video_category_36,
	37: m.video_category_37,
	38: m.video_category_38,
	39: m.video_category_39,
	40: m.video_category_40,
	41: m.video_category_41,
	42: m.video_category_42,
	43: m.video_category_43,
	44: m.video_category_44
};

export function category_label(id: number): string {
	return LABELS[id]?.() ?? String(id);
}
