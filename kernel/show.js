'use strict';
/**
 * `show` of the superionic notebook kernel: a thin adapter. The display helpers are typed library
 * code (src/display/notebook/, compiled to dist/); this file only binds their display channel to
 * tslab's, `require("tslab/dist/jupyter").lastWriteDisplayData`, which tslab (and launch.js) point
 * at the output of the cell being executed. Outside the kernel the helpers print text/plain.
 */
const path = require('path');
const { tslabJupyter } = require('./tslab.js');

const notebook = require(path.join(__dirname, '..', 'dist', 'display', 'notebook', 'index.js'));

notebook.setDisplayWriterSource(() => {
  const jupyter = tslabJupyter();
  return jupyter ? jupyter.lastWriteDisplayData : null;
});

module.exports = { show: notebook.show, flush: notebook.flush, pending: notebook.pending };
