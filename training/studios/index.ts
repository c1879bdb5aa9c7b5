/** Every studio the pipeline trains after music, in order. Add a studio with one line here. */
import type { Studio } from './types';

export const STUDIOS: Studio[] = [];
