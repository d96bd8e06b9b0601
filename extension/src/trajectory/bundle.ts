/**
 * The trajectory MIME bundle (`application/vnd.superionic.trajectory+json`, version 1) and its
 * validation. The contract (MIME types, bundle shapes, validation) is ONE module shared with the
 * library that writes the bundles: src/display/notebookContract.ts (test/display/notebookContract.test.ts).
 */
export {
  BundleError,
  frameBytes,
  parseTrajectoryBundle,
  MIME_SUPERIONIC_TRAJECTORY as TRAJECTORY_MIME,
  type DensityGrid,
  type SiteOverlay,
  type TrajectoryBundle,
} from '../../../src/display/notebookContract';
