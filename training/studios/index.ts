/** Every studio the pipeline trains after music, in order. Add a studio with one line here. */
import type { Studio } from './types';
import { CHARTS_STUDIO } from './charts';

export const STUDIOS: Studio[] = [CHARTS_STUDIO];
