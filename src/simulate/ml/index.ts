// Machine-learned interatomic potentials (CHGNet, SevenNet) as force providers.
export * from './mlWorkerProtocol.js';
export * from './syncWorkerProcess.js';
export * from './mlPotential.js';
