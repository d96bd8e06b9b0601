/** The --json object of `superionic sites` (without `file`), shared by `sites` and `analyse` (whose `sites` part is the same object). */
import type { GaussianOccupancyResult } from '../../sites/gaussianSiteOccupancy.js';
import type { HostGroupSummary } from '../../sites/hostSublattice.js';

/** The JSON of `superionic sites` (without `file`) for an occupancy result (also used by `superionic analyse`). */
export function sitesJson(r: GaussianOccupancyResult, hostCentres: HostGroupSummary[]): Record<string, unknown> {
  return {
    template: r.network.template,
    replication: r.network.replication,
    n_frames: r.nFrames,
    n_mobile: r.nMobile,
    sigma2_A2: r.sigma2_A2,
    rmax_A: r.rmax_A,
    types: Object.fromEntries(r.types.map((t) => [t.name, { kind: t.kind, sites: t.sites, occupancy: t.occupancy, P1: t.P1, P2: t.P2 }])),
    entropy_kB: r.entropy_kB,
    entropy_note: r.entropyNote,
    unassigned_fraction: r.unassignedFraction,
    max_match_displacement_A: r.network.maxMatchDisplacement_A,
    host_centres: hostCentres,
    site_occupancy: r.siteOccupancy,
  };
}
