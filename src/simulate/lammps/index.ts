// LAMMPS driver (Node-only edge of src/simulate).
export * from './lammpsInput.js';
export * from './lammpsLog.js';
export * from './runLammps.js';
export * from './runLammpsML.js';
