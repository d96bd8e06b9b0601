// Public API of src/io (each file one concept; re-export it here).
export type { ReadOptions, TrajectoryFormat } from './readOptions.js';
export { TRAJECTORY_FORMATS } from './readOptions.js';
export { openTrajectory, readTrajectory, resolveAtomSelection } from './openTrajectory.js';
export { sniffFormat, sniffContent } from './sniffFormat.js';
export { openRandomAccess, type ByteInput, type BytesInput, type BlobLike, type RandomAccessSource } from './byteSource.js';
export { parseExtxyzComment } from './extxyzComment.js';
export { writeExtxyz, extxyzFrameText } from './writeExtxyz.js';
export { readCp2kCellFile, EV_PER_HARTREE } from './cp2kXyz.js';
export type { Cp2kCellTable } from './cp2kXyz.js';
export { scanTrajectory } from './scanTrajectory.js';
export type { TrajectorySurvey } from './scanTrajectory.js';
export { readDeepmdSystem, readNpy, parseNpy, type NpyArray } from './deepmdSystem.js';
export {
  readCif,
  parseCif,
  cifTrajectory,
  cifNumber,
  parseSymmetryOperation,
  type CifStructure,
  type CifOccupant,
  type SymmetryOperation,
  type ReadCifOptions,
} from './cif.js';
export { FORMAT_REGISTRY, formatSpec, type FormatSpec, type FormatOption } from './formatRegistry.js';
export { readLammpsData, type LammpsData } from './lammpsData.js';
export { LAMMPS_UNIT_STYLES, DEFAULT_LAMMPS_UNITS, lammpsUnitFactors, type LammpsUnits, type LammpsUnitFactors } from './lammpsUnits.js';
export { normalizeSymbol, elementFromMass } from './speciesSymbol.js';
export * from './plausibleInput.js';
export { writeLammpsData, lammpsDataText, type WriteLammpsDataOptions } from './writeLammpsData.js';
export { cubeText, chgcarText, BOHR_A, type VolumetricData, type VolumetricAtoms } from './volumetricFiles.js';
export { writePoscar, poscarText, poscarOrder } from './writePoscar.js';
export { readReferenceStructure, type ReferenceStructureFile } from './referenceStructure.js';
