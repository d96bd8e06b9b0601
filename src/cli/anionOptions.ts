/**
 * The molecular-anion option of `angles` and `rotation`: --anion FORMULA names polyanions (PS4, BH4, B12H12) found
 * as bonded clusters in the first frame (src/structure/centres.ts, src/geometry/molecules.ts); declared once here
 * and spread into both commands' options, as SITE_SETUP_OPTIONS is (src/cli/siteOptions.ts).
 */
import type { OptionSpec } from './command.js';

/** --anion FORMULA: the molecular anion (its centre of mass is the centre; its atoms give the axes). */
export const ANION_OPTIONS: Record<string, OptionSpec> = {
  anion: { kind: 'string', expected: 'a molecular anion formula (PS4, BH4, B12H12), found as bonded clusters' },
};
