/** Every studio the pipeline trains after music, in order. Add a studio with one line here. */
import type { Studio } from './types';
import { video_studio } from './video';

export const STUDIOS: Studio[] = [video_studio];
