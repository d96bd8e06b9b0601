'use strict';
/**
 * The kernel's only door into tslab. tslab has no public API for a startup script or a display
 * channel, so the kernel uses its internal modules (dist/converter, dist/executor, dist/jupyter,
 * dist/util), which may change in any release. They are loaded here and only for the tslab
 * version this adapter was written and tested against; any other version fails at start with
 * one clear line instead of a stack from deep inside tslab.
 */
const TSLAB_VERSION = '1.0.22';

/** The problem with the installed tslab version, or null when it is the one we were written for. */
function tslabVersionProblem(installed) {
  if (installed === TSLAB_VERSION) return null;
  return (
    `superionic kernel: written for tslab ${TSLAB_VERSION} (it uses tslab's internal modules), but tslab ${installed === undefined ? '(not installed)' : installed} is installed; ` +
    `reinstall the pinned dependencies with \`npm ci\` (package.json pins tslab ${TSLAB_VERSION}), or port kernel/launch.js and kernel/tslab.js to the new version`
  );
}

function installedVersion() {
  try {
    return require('tslab/package.json').version;
  } catch (_) {
    return undefined;
  }
}

/** tslab's internal modules; throws an Error with {@link tslabVersionProblem}'s message for any other version. */
function loadTslab(installed = installedVersion()) {
  const problem = tslabVersionProblem(installed);
  if (problem) throw new Error(problem);
  return {
    version: installed,
    converter: require('tslab/dist/converter'),
    executor: require('tslab/dist/executor'),
    jupyter: require('tslab/dist/jupyter'),
    util: require('tslab/dist/util'),
  };
}

/** tslab's jupyter module (its `lastWriteDisplayData` is the current cell's display writer), or null outside a usable tslab. */
function tslabJupyter() {
  try {
    return loadTslab().jupyter;
  } catch (_) {
    return null;
  }
}

module.exports = { TSLAB_VERSION, tslabVersionProblem, loadTslab, tslabJupyter };
