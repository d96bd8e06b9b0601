// Extra build config merged by @jupyter/builder: three.js and vega are large by nature and are
// loaded lazily (separate chunks, fetched only when a trajectory or a plot is shown).
module.exports = { performance: { hints: false } };
