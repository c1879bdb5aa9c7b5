/** Every studio the pipeline trains after music, in order. Add a studio with one line here. */
import type { Studio } from './types';
import { catalog_studio } from './catalog';

export const STUDIOS: Studio[] = [catalog_studio];
