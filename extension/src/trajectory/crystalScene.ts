/**
 * The three.js scene of the trajectory browser: one InstancedMesh per species (visibility toggles
 * are a flag per mesh), the cell as 12 line segments updated per frame, a halo and a recent-path
 * line for the selected ion, an optional site overlay and an optional density isosurface.
 * Updating a frame only rewrites preallocated typed arrays: nothing is allocated per frame.
 * Rendering is on demand (after a change), not a continuous loop.
 */
import {
  AmbientLight,
  BufferAttribute,
  BufferGeometry,
  Color,
  DirectionalLight,
  DoubleSide,
  DynamicDrawUsage,
  InstancedMesh,
  Line,
  LineBasicMaterial,
  LineLoop,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  MeshLambertMaterial,
  Object3D,
  PerspectiveCamera,
  Raycaster,
  Scene,
  SphereGeometry,
  Vector2,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { TrajectoryBundle } from './bundle';
import { cellEdges, recentPath } from './cellGeometry';
import { periodicIsosurface } from './isosurface';
import { sectionCorners } from './densitySection';
import { siteTypeColor, speciesColor, speciesRadius } from './palette';

/** Longest recent path drawn for a selected ion, in frames. */
export const MAX_PATH = 1000;

export class CrystalScene {
  readonly renderer: WebGLRenderer;
  readonly canvas: HTMLCanvasElement;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(35, 1, 0.1, 20000);
  private readonly controls: OrbitControls;
  private readonly speciesMeshes: InstancedMesh[] = [];
  /** Atom indices of each species, in instance order. */
  readonly speciesAtoms: Int32Array[] = [];
  private readonly speciesRadius: number[] = [];
  private readonly baseRadius: number[] = [];
  private readonly cellLines: LineSegments;
  private readonly cellBuf = new Float32Array(72);
  private readonly halo: Mesh;
  private readonly pathLine: Line;
  private readonly pathBuf = new Float32Array(3 * MAX_PATH);
  private readonly invScratch = new Float64Array(9);
  private sitesMesh: InstancedMesh | null = null;
  private densityMesh: Mesh | null = null;
  private densityVisible = true;
  private sectionMesh: Mesh | null = null;
  private sectionOutline: LineLoop | null = null;
  private positions: Float32Array | null = null;
  private selected = -1;
  private renderQueued = 0;
  private fitted = false;
  private readonly raycaster = new Raycaster();
  private readonly ndc = new Vector2();
  private readonly tmp = new Vector3();

  constructor(
    private readonly bundle: TrajectoryBundle,
    parent: HTMLElement,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'si-traj-canvas';
    parent.appendChild(this.canvas);
    // preserveDrawingBuffer: the picture can be copied/saved (and checked by the browser test).
    // Multisampling costs 4–5× in software WebGL (measured: 2,000 balls at 2.5 vs 10.6 frames/s), so it is
    // only asked for on a GPU.
    this.renderer = new WebGLRenderer({ canvas: this.canvas, antialias: !isSoftwareWebGL(), preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.setClearColor(new Color(0x1d1f24), 1);
    this.scene.add(new AmbientLight(0xffffff, 1.1));
    const sun = new DirectionalLight(0xffffff, 2.2);
    sun.position.set(0.5, 0.8, 1);
    this.camera.add(sun);
    this.scene.add(this.camera);

    const { nAtoms, symbols, species } = bundle;
    // Fewer triangles per ball for bigger systems (≈ 360 → 48), so software WebGL stays usable too.
    const detail = nAtoms <= 1000 ? [16, 12] : nAtoms <= 5000 ? [10, 7] : nAtoms <= 20000 ? [8, 6] : [6, 4];
    const sphere = new SphereGeometry(1, detail[0], detail[1]);
    const counts = new Array<number>(symbols.length).fill(0);
    for (let i = 0; i < nAtoms; i++) counts[species[i]]++;
    const fill = new Array<number>(symbols.length).fill(0);
    symbols.forEach((s, k) => this.speciesAtoms.push(new Int32Array(counts[k])));
    for (let i = 0; i < nAtoms; i++) this.speciesAtoms[species[i]][fill[species[i]]++] = i;
    symbols.forEach((sym, k) => {
      const mesh = new InstancedMesh(sphere, new MeshLambertMaterial({ color: speciesColor(sym, k) }), counts[k]);
      mesh.instanceMatrix.setUsage(DynamicDrawUsage);
      mesh.frustumCulled = false;
      const r = speciesRadius(sym);
      this.speciesRadius.push(r);
      this.baseRadius.push(r);
      const m = mesh.instanceMatrix.array as Float32Array;
      for (let j = 0; j < counts[k]; j++) {
        m.fill(0, 16 * j, 16 * j + 16);
        m[16 * j] = r;
        m[16 * j + 5] = r;
        m[16 * j + 10] = r;
        m[16 * j + 15] = 1;
      }
      this.speciesMeshes.push(mesh);
      this.scene.add(mesh);
    });

    const cellGeom = new BufferGeometry();
    cellGeom.setAttribute('position', new BufferAttribute(this.cellBuf, 3).setUsage(DynamicDrawUsage));
    this.cellLines = new LineSegments(cellGeom, new LineBasicMaterial({ color: 0xb8c4d6 }));
    this.cellLines.frustumCulled = false;
    this.cellLines.visible = bundle.cells !== null;
    this.scene.add(this.cellLines);

    // The selected ion's halo and path are drawn on top of everything (no depth test), so they
    // stay visible inside a crowded crystal.
    this.halo = new Mesh(sphere, new MeshBasicMaterial({ color: 0xffe14d, transparent: true, opacity: 0.3, depthTest: false, depthWrite: false }));
    this.halo.renderOrder = 10;
    this.halo.visible = false;
    this.scene.add(this.halo);
    const pathGeom = new BufferGeometry();
    pathGeom.setAttribute('position', new BufferAttribute(this.pathBuf, 3).setUsage(DynamicDrawUsage));
    pathGeom.setDrawRange(0, 0);
    this.pathLine = new Line(pathGeom, new LineBasicMaterial({ color: 0x00e5ff, transparent: true, depthTest: false, depthWrite: false }));
    this.pathLine.renderOrder = 11;
    this.pathLine.frustumCulled = false;
    this.pathLine.visible = false;
    this.scene.add(this.pathLine);

    if (bundle.sites) this.buildSites();
    // The density isosurface is built by the widget after the first frame is on screen.

    this.controls = new OrbitControls(this.camera, this.canvas);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => this.requestRender());
  }

  /** Show frame `f` with the given positions (3·nAtoms floats). `pathFrames` > 1 draws the selected ion's recent path. */
  setFrame(positions: Float32Array, f: number, frameAt: (g: number) => Float32Array | null, pathFrames: number): number {
    this.positions = positions;
    for (let k = 0; k < this.speciesMeshes.length; k++) {
      const mesh = this.speciesMeshes[k];
      const atoms = this.speciesAtoms[k];
      const m = mesh.instanceMatrix.array as Float32Array;
      for (let j = 0; j < atoms.length; j++) {
        const i = 3 * atoms[j];
        m[16 * j + 12] = positions[i];
        m[16 * j + 13] = positions[i + 1];
        m[16 * j + 14] = positions[i + 2];
      }
      mesh.instanceMatrix.needsUpdate = true;
    }
    const cells = this.bundle.cells;
    if (cells) {
      cellEdges(cells, 9 * f, this.cellBuf);
      (this.cellLines.geometry.getAttribute('position') as BufferAttribute).needsUpdate = true;
    }
    let pathPoints = 0;
    if (this.selected >= 0) {
      const i = 3 * this.selected;
      this.halo.position.set(positions[i], positions[i + 1], positions[i + 2]);
      const n = pathFrames > 1 ? recentPath(frameAt, this.selected, f, Math.min(pathFrames, MAX_PATH), cells, this.pathBuf, this.invScratch) : 0;
      this.pathLine.geometry.setDrawRange(0, n);
      (this.pathLine.geometry.getAttribute('position') as BufferAttribute).needsUpdate = true;
      this.pathLine.visible = n > 1;
      pathPoints = n;
    }
    if (!this.fitted) this.fitCamera(positions);
    this.requestRender();
    return pathPoints;
  }

  /** Scale every ball's radius by `factor` (1 = 0.4 × covalent radius). */
  setAtomScale(factor: number): void {
    this.speciesMeshes.forEach((mesh, k) => {
      const r = (this.speciesRadius[k] = this.baseRadius[k] * factor);
      const m = mesh.instanceMatrix.array as Float32Array;
      for (let j = 0; j < mesh.count; j++) {
        m[16 * j] = r;
        m[16 * j + 5] = r;
        m[16 * j + 10] = r;
      }
      mesh.instanceMatrix.needsUpdate = true;
    });
    if (this.selected >= 0) this.select(this.selected);
    this.requestRender();
  }

  setSpeciesVisible(k: number, visible: boolean): void {
    this.speciesMeshes[k].visible = visible;
    if (this.selected >= 0 && this.bundle.species[this.selected] === k && !visible) this.select(-1);
    this.requestRender();
  }

  setCellVisible(visible: boolean): void {
    this.cellLines.visible = visible && this.bundle.cells !== null;
    this.requestRender();
  }

  setSitesVisible(visible: boolean): void {
    if (this.sitesMesh) this.sitesMesh.visible = visible;
    this.requestRender();
  }

  setDensityVisible(visible: boolean): void {
    this.densityVisible = visible;
    if (this.densityMesh) this.densityMesh.visible = visible;
    this.requestRender();
  }

  /** Recompute the isosurface at `level` (marching tetrahedra on the periodic grid). Returns the triangle count. */
  /**
   * Show the density cross-section plane at `fraction` along lattice axis `axis` (0 a, 1 b, 2 c) as a translucent
   * quad with an outline across the density's cell, or hide it (axis null).
   */
  setSection(axis: 0 | 1 | 2 | null, fraction = 0): void {
    const d = this.bundle.density;
    if (!d || axis === null) {
      if (this.sectionMesh) this.sectionMesh.visible = false;
      if (this.sectionOutline) this.sectionOutline.visible = false;
      this.requestRender();
      return;
    }
    const c = sectionCorners(d.cell, axis, fraction);
    const quad = new Float32Array([0, 1, 2, 0, 2, 3].flatMap((k) => [c[3 * k], c[3 * k + 1], c[3 * k + 2]]));
    const loop = Float32Array.from(c);
    if (!this.sectionMesh) {
      this.sectionMesh = new Mesh(
        new BufferGeometry(),
        new MeshBasicMaterial({ color: 0xffd166, transparent: true, opacity: 0.22, side: DoubleSide, depthWrite: false }),
      );
      this.sectionMesh.renderOrder = 3;
      this.sectionOutline = new LineLoop(new BufferGeometry(), new LineBasicMaterial({ color: 0xffd166 }));
      this.scene.add(this.sectionMesh, this.sectionOutline);
    }
    this.sectionMesh.geometry.setAttribute('position', new BufferAttribute(quad, 3));
    this.sectionMesh.geometry.computeBoundingSphere();
    this.sectionOutline!.geometry.setAttribute('position', new BufferAttribute(loop, 3));
    this.sectionOutline!.geometry.computeBoundingSphere();
    this.sectionMesh.visible = true;
    this.sectionOutline!.visible = true;
    this.requestRender();
  }

  setIsoLevel(level: number): number {
    const d = this.bundle.density;
    if (!d) return 0;
    const tri = periodicIsosurface(d.values, d.shape, d.cell, level);
    const geom = new BufferGeometry();
    geom.setAttribute('position', new BufferAttribute(tri, 3));
    geom.computeVertexNormals();
    if (this.densityMesh) {
      this.densityMesh.geometry.dispose();
      this.densityMesh.geometry = geom;
    } else {
      this.densityMesh = new Mesh(
        geom,
        new MeshLambertMaterial({ color: 0x3fb8ff, transparent: true, opacity: 0.4, side: DoubleSide, depthWrite: false }),
      );
      this.densityMesh.renderOrder = 2;
      this.densityMesh.visible = this.densityVisible;
      this.scene.add(this.densityMesh);
    }
    this.requestRender();
    return tri.length / 9;
  }

  /** Select atom `i` (−1 clears): halo plus recent path, drawn from the next setFrame on. */
  select(i: number): void {
    this.selected = i;
    this.halo.visible = i >= 0;
    this.pathLine.visible = false;
    if (i >= 0) {
      const r = 1.4 * this.speciesRadius[this.bundle.species[i]];
      this.halo.scale.set(r, r, r);
      if (this.positions) this.halo.position.set(this.positions[3 * i], this.positions[3 * i + 1], this.positions[3 * i + 2]);
    }
    this.requestRender();
  }

  get selectedAtom(): number {
    return this.selected;
  }

  /** The visible atom under the pointer (ray–sphere test over the current positions), or −1. */
  pick(clientX: number, clientY: number): number {
    const pos = this.positions;
    if (!pos) return -1;
    const rect = this.canvas.getBoundingClientRect();
    this.ndc.set(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    this.raycaster.setFromCamera(this.ndc, this.camera);
    const { origin: o, direction: d } = this.raycaster.ray;
    let best = -1;
    let bestT = Infinity;
    this.speciesMeshes.forEach((mesh, k) => {
      if (!mesh.visible) return;
      const r2 = this.speciesRadius[k] ** 2;
      for (const i of this.speciesAtoms[k]) {
        const cx = pos[3 * i] - o.x,
          cy = pos[3 * i + 1] - o.y,
          cz = pos[3 * i + 2] - o.z;
        const t = cx * d.x + cy * d.y + cz * d.z; // along the ray to the closest approach
        if (t <= 0) continue;
        const q2 = cx * cx + cy * cy + cz * cz - t * t; // squared distance of the centre from the ray
        if (q2 > r2) continue;
        const tEntry = t - Math.sqrt(r2 - q2); // where the ray enters the ball: the nearest entry wins
        if (tEntry < bestT) {
          bestT = tEntry;
          best = i;
        }
      }
    });
    return best;
  }

  resize(width: number, height: number): void {
    if (width <= 0 || height <= 0) return;
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }

  requestRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = requestAnimationFrame(() => {
      this.renderQueued = 0;
      this.renderer.render(this.scene, this.camera);
    });
  }

  /** Render synchronously (used before reading pixels). */
  renderNow(): void {
    this.renderer.render(this.scene, this.camera);
  }

  dispose(): void {
    if (this.renderQueued) cancelAnimationFrame(this.renderQueued);
    this.controls.dispose();
    this.scene.traverse((o: Object3D) => {
      const m = o as Mesh;
      m.geometry?.dispose();
      const mat = m.material;
      if (Array.isArray(mat)) mat.forEach((x) => x.dispose());
      else mat?.dispose();
    });
    this.renderer.dispose();
    this.renderer.forceContextLoss();
    this.canvas.remove();
  }

  private buildSites(): void {
    const s = this.bundle.sites!;
    const types = [...new Set(s.types)];
    const mesh = new InstancedMesh(
      s.types.length <= 2000 ? new SphereGeometry(1, 8, 6) : new SphereGeometry(1, 6, 4),
      new MeshLambertMaterial({ color: 0xffffff, transparent: true, opacity: 0.8 }),
      s.types.length,
    );
    const dummy = new Object3D();
    const color = new Color();
    const white = new Color(0xf4f4f4);
    for (let j = 0; j < s.types.length; j++) {
      const occ = s.occupancy ? Math.min(1, Math.max(0, s.occupancy[j])) : 1;
      const r = 0.12 + 0.28 * occ;
      dummy.position.set(s.positions[3 * j], s.positions[3 * j + 1], s.positions[3 * j + 2]);
      dummy.scale.set(r, r, r);
      dummy.updateMatrix();
      mesh.setMatrixAt(j, dummy.matrix);
      // Empty sites fade towards white; full sites show the type colour.
      color.set(siteTypeColor(types.indexOf(s.types[j]))).lerp(white, 0.75 * (1 - occ));
      mesh.setColorAt(j, color);
    }
    mesh.frustumCulled = false;
    this.sitesMesh = mesh;
    this.scene.add(mesh);
  }

  private fitCamera(positions: Float32Array): void {
    const c = this.tmp.set(0, 0, 0);
    let radius: number;
    const cells = this.bundle.cells;
    if (cells) {
      c.set(0.5 * (cells[0] + cells[3] + cells[6]), 0.5 * (cells[1] + cells[4] + cells[7]), 0.5 * (cells[2] + cells[5] + cells[8]));
      radius = 0;
      for (let k = 0; k < 24; k++) {
        radius = Math.max(radius, Math.hypot(this.cellBuf[3 * k] - c.x, this.cellBuf[3 * k + 1] - c.y, this.cellBuf[3 * k + 2] - c.z));
      }
    } else {
      const n = positions.length / 3;
      for (let i = 0; i < n; i++) c.set(c.x + positions[3 * i] / n, c.y + positions[3 * i + 1] / n, c.z + positions[3 * i + 2] / n);
      radius = 1;
      for (let i = 0; i < n; i++) {
        radius = Math.max(radius, Math.hypot(positions[3 * i] - c.x, positions[3 * i + 1] - c.y, positions[3 * i + 2] - c.z));
      }
    }
    const dist = (1.05 * radius) / Math.sin((this.camera.fov * Math.PI) / 360);
    const dir = new Vector3(0.55, 0.35, 1).normalize();
    this.camera.position.copy(c).addScaledVector(dir, dist);
    this.camera.near = Math.max(0.01, dist / 100);
    this.camera.far = dist * 10;
    this.camera.updateProjectionMatrix();
    this.controls.target.copy(c);
    this.controls.update();
    this.fitted = true;
  }
}

let softwareWebGL: boolean | undefined;

/** Is WebGL rendered in software here (SwiftShader, llvmpipe, …)? Probed once with a throw-away context. */
export function isSoftwareWebGL(): boolean {
  if (softwareWebGL !== undefined) return softwareWebGL;
  softwareWebGL = false;
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      softwareWebGL = /swiftshader|llvmpipe|software|softpipe/i.test(name);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    softwareWebGL = false;
  }
  return softwareWebGL;
}
