/**
 * The static registry of CLI commands, in the order `superionic --help` lists them. Each module
 * declares its command (`spec`: src/cli/command.ts) and exports `run`; adding a command is one
 * import and one entry here.
 */
import type { CommandModule } from './command.js';
import * as info from './commands/info.js';
import * as msd from './commands/msd.js';
import * as arrhenius from './commands/arrhenius.js';
import * as analyse from './commands/analyse.js';
import * as rdf from './commands/rdf.js';
import * as coordination from './commands/coordination.js';
import * as angles from './commands/angles.js';
import * as sites from './commands/sites.js';
import * as jumps from './commands/jumps.js';
import * as volume from './commands/volume.js';
import * as density from './commands/density.js';
import * as paths from './commands/paths.js';
import * as transitions from './commands/transitions.js';
import * as vdos from './commands/vdos.js';
import * as rotation from './commands/rotation.js';
import * as vanhove from './commands/vanhove.js';
import * as doas from './commands/doas.js';
import * as modes from './commands/modes.js';
import * as md from './commands/md.js';
import * as build from './commands/build.js';
import * as relax from './commands/relax.js';
import * as neb from './commands/neb.js';
import * as kernel from './commands/kernel.js';

/** Every command by name, in help order. */
export const COMMAND_MODULES: Record<string, CommandModule> = {
  info,
  msd,
  arrhenius,
  analyse,
  rdf,
  coordination,
  angles,
  sites,
  jumps,
  volume,
  density,
  paths,
  transitions,
  vdos,
  rotation,
  vanhove,
  doas,
  modes,
  md,
  build,
  relax,
  neb,
  kernel,
};

/** Command names, in the order `superionic --help` lists them. */
export const COMMANDS = Object.keys(COMMAND_MODULES);
