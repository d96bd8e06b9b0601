/**
 * Thermodynamic log of a run as columns (one entry per logged step):
 * t_fs, T_K, potential_eV, kinetic_eV, conserved_eV, pressure_bar.
 * T = 2 KE / (N_f k_B) with N_f the constrained degrees of freedom; P = (2 KE + W) / (3V), W = Σ r·F (virial),
 * 1 eV/Å³ = 1.602176634e6 bar.
 */
export interface ThermoLog {
  t_fs: number[];
  T_K: number[];
  potential_eV: number[];
  kinetic_eV: number[];
  conserved_eV: number[];
  pressure_bar: number[];
}

export const EV_PER_A3_TO_BAR = 1.602176634e6;

export function emptyThermoLog(): ThermoLog {
  return { t_fs: [], T_K: [], potential_eV: [], kinetic_eV: [], conserved_eV: [], pressure_bar: [] };
}

/** Rows of a thermo log (for tables). */
export function thermoRows(log: ThermoLog): Record<string, number>[] {
  return log.t_fs.map((t, k) => ({
    t_fs: t,
    T_K: log.T_K[k],
    potential_eV: log.potential_eV[k],
    kinetic_eV: log.kinetic_eV[k],
    conserved_eV: log.conserved_eV[k],
    pressure_bar: log.pressure_bar[k],
  }));
}
