/** Every studio the pipeline trains after music, in order. Add a studio with one line here. */
import type { Studio } from './types';
import { caption_studio } from './caption';
import { CHARTS_STUDIO } from './charts';
import { video_studio } from './video';
import { catalog_studio } from './catalog';

export const STUDIOS: Studio[] = [caption_studio, CHARTS_STUDIO, video_studio, catalog_studio];
