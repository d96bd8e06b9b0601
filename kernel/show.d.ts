/**
 * Types of `show` (kernel/show.js), in scope in every cell of the superionic kernel. The helpers
 * and their types are library code: src/display/notebook/ (compiled to dist/display/notebook/).
 */
import type { Show } from '../dist/display/notebook/index.js';

export type { Progress, ShowOptions, TrajectoryShown } from '../dist/display/notebook/index.js';
export declare const show: Show;
export declare function flush(): Promise<void>;
