/** Every studio the pipeline trains after music, in order. Add a studio with one line here. */
import type { Studio } from './types';
import { caption_studio } from './caption';

export const STUDIOS: Studio[] = [caption_studio];
