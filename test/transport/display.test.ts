import { describe, expect, it } from 'vitest';
import { msdSpec, arrheniusSpec, modeRatioSpec, modeColumns } from '../../src/display/transport';
import { meanSquaredDisplacement } from '../../src/transport/meanSquaredDisplacement';
import { fitDiffusionCoefficient } from '../../src/transport/diffusionFit';
import { arrheniusFit } from '../../src/transport/arrhenius';
import { arrheniusBreakpoint } from '../../src/transport/arrheniusBreakpoint';
import { modeDecomposition } from '../../src/transport/modeDecomposition';
import { KB_EV_PER_K } from '../../src/core/units';
import { randomWalk } from './helpers';

describe('transport Vega-Lite specs (as JSON)', () => {
  it('MSD spec: shaded fit window, fit line through the fitted values, strided curve', () => {
    const msd = meanSquaredDisplacement(randomWalk(3, 3000, 0.2, 4), 3, 3000, 2);
    const fit = fitDiffusionCoefficient(msd.t_fs, msd.msd_A2, [600, 4800]);
    const spec = JSON.parse(JSON.stringify(msdSpec(msd, fit, { maxPoints: 500 })));
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    const [rect, curve, line] = spec.layer;
    expect(rect.data.values[0]).toEqual({ start_ps: 0.6, end_ps: 4.8 });
    expect(curve.data.values.filter((r: { series: string }) => r.series === 'total').length).toBeLessThanOrEqual(501);
    expect(line.data.values[1].msd_A2).toBeCloseTo(fit.slope_A2_fs * 4800 + fit.intercept_A2, 10);
  });

  it('Arrhenius spec: points, segments and a rule at T_c', () => {
    const T = [300, 350, 400, 450, 500, 550, 600, 700];
    const D = T.map((t) => Math.exp(((t < 450 ? -0.5 : -0.2) / KB_EV_PER_K) * (1 / t - 1 / 450)) * 1e-6);
    const spec = JSON.parse(JSON.stringify(arrheniusSpec(T, D, arrheniusFit(T, D), arrheniusBreakpoint(T, D))));
    expect(spec.layer).toHaveLength(3);
    expect(spec.layer[0].data.values[0].inv_T_1000_K).toBeCloseTo(1000 / 300, 12);
    expect(spec.layer[1].data.values[0].inv_T_1000_K).toBeCloseTo(1000 / 450, 6);
    expect(spec.layer[2].data.values).toHaveLength(6);
  });

  it('mode spec: stacked bars summing to 1 per T; undefined temperatures listed with their reason', () => {
    const rows = modeDecomposition([
      { T_K: 600, mode: 'UC', value: 8 },
      { T_K: 600, mode: 'RC', value: 2 },
      { T_K: 600, mode: 'RTC', value: 1 },
      { T_K: 600, mode: 'RTVC', value: 0.5 },
      { T_K: 300, mode: 'UC', value: 8 },
      { T_K: 300, mode: 'RC', value: 2 },
      { T_K: 300, mode: 'RTC', value: 1 },
    ]);
    const spec = JSON.parse(JSON.stringify(modeRatioSpec(rows)));
    expect(spec.encoding.y.stack).toBe('zero');
    const sum = spec.data.values.reduce((s: number, v: { r: number }) => s + v.r, 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(spec.usermeta.undefined_T[0].T_K).toBe(300);
    const rr = modeColumns(rows).r_rot;
    expect(rr[0]).toBeNull();
    expect(rr[1]).toBeCloseTo(0.5, 12);
  });

  it('Arrhenius error bars: ln D ± relative error; mode spec fades an unresolved step', () => {
    const T = [450, 600, 750],
      D = [1e-5, 2e-5, 4e-5];
    const spec = JSON.parse(JSON.stringify(arrheniusSpec(T, D, arrheniusFit(T, D), null, 'x', [0.1, null, 0.2])));
    const bars = spec.layer.find((l: { mark: { type: string } }) => l.mark.type === 'rule').data.values;
    expect(bars).toHaveLength(2);
    expect(bars[1].hi - bars[1].lo).toBeCloseTo(0.4, 12);
    expect(bars[0].lo).toBeCloseTo(Math.log(1e-5) - 0.1, 12);
    const rows = modeDecomposition([
      { T_K: 600, mode: 'UC', value: 8 },
      { T_K: 600, mode: 'RC', value: 2 },
      { T_K: 600, mode: 'RTC', value: 1 },
      { T_K: 600, mode: 'RTVC', value: 0.5 },
    ]);
    const m = JSON.parse(JSON.stringify(modeRatioSpec(rows, 't', new Map([[600, { rotation: true, translation: true, vibration: false }]]))));
    expect(m.data.values.map((v: { resolved: string }) => v.resolved)).toEqual(['yes', 'yes', 'no (|Δ| ≤ 2σ)']);
    expect(m.encoding.opacity.scale.range).toEqual([1, 0.3]);
  });
});
