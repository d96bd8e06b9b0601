// Streaming-memory check of superionic's RDF (heap growth vs number of frames, 1×, 10×, 50× the file), used by
// bench/structure/run.sh; also times the RDF (median of 5) and exports the frames (not used by run.sh).
// Usage: node --expose-gc bench/structure/ours.js FILE A B RMAX BINS EXPORT.bin
const path = require('node:path');
const fs = require('node:fs');
const dist = path.resolve(__dirname, '../../dist');
const { readTrajectory, openTrajectory } = require(path.join(dist, 'io/index.js'));
const { RadialDistribution } = require(path.join(dist, 'structure/rdf.js'));
const { analyseFrames } = require(path.join(dist, 'core/frameAnalysis.js'));

function median(x) { const s = [...x].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

(async () => {
  const [file, a, b, rmaxS, binsS, exportPath] = process.argv.slice(2);
  const rmax = Number(rmaxS), bins = Number(binsS);
  const traj = await readTrajectory(file);
  const opts = { a, b, rmax_A: rmax, bins };
  const times = [];
  let res;
  for (let rep = 0; rep < 6; rep++) {
    const acc = new RadialDistribution(opts);
    const t0 = process.hrtime.bigint();
    for (const f of traj.frames()) acc.addFrame(f, traj.topology);
    res = acc.result();
    if (rep > 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6); // rep 0 warms up the JIT
  }
  // Export frames (selected species) for the peers: header JSON line + float64 cells and positions.
  const sel = (s) => Array.from(traj.indicesOf(s));
  const ia = sel(a), ib = sel(b), n = traj.nAtoms;
  const header = { nFrames: traj.nFrames, nAtoms: n, a: ia, b: ib };
  const buf = Buffer.alloc(8 * traj.nFrames * (9 + 3 * n));
  const f64 = new Float64Array(buf.buffer, buf.byteOffset, buf.length / 8);
  for (let f = 0; f < traj.nFrames; f++) {
    f64.set(traj.cell(f).matrix, f * (9 + 3 * n));
    f64.set(traj.framePositions(f), f * (9 + 3 * n) + 9);
  }
  fs.writeFileSync(exportPath, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), buf]));

  // Streaming memory: frames generated on the fly (a fresh copy of a real frame each time, as a reader
  // would produce) for 1×, 10× and 50× the file's frames; heap sampled after GC every 140 frames.
  const memory = [];
  for (const mult of [1, 10, 50]) {
    const nF = traj.nFrames * mult;
    const stream = {
      topology: traj.topology, info: traj.info,
      async *[Symbol.asyncIterator]() {
        for (let k = 0; k < nF; k++) {
          const f = traj.frame(k % traj.nFrames);
          yield { ...f, index: k, positions: Float64Array.from(f.positions) };
        }
      },
    };
    global.gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const acc = new RadialDistribution(opts);
    const t0 = process.hrtime.bigint();
    await analyseFrames(stream, [acc], { onProgress: (k) => { if (k % 140 === 0) { global.gc(); peak = Math.max(peak, process.memoryUsage().heapUsed - base); } } });
    memory.push({ frames: nF, peak_heap_growth_MB: +(peak / 1e6).toFixed(3), ms: Number(process.hrtime.bigint() - t0) / 1e6 });
  }
  // The real file streamed from disk (reader + RDF), for the end-to-end time.
  const t1 = process.hrtime.bigint();
  const acc = new RadialDistribution(opts);
  await analyseFrames(await openTrajectory(file, { atoms: [a, b] }), [acc]);
  const streamMs = Number(process.hrtime.bigint() - t1) / 1e6;

  console.log(JSON.stringify({
    rdf_ms: median(times), rdf_ms_all: times, frames: traj.nFrames, n_a: res.n_a, n_b: res.n_b,
    first_peak_A: res.first_peak_A, first_min_A: res.first_min_A,
    r_A: Array.from(res.r_A), g: Array.from(res.g),
    streaming_memory: memory, stream_from_file_ms: streamMs,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
