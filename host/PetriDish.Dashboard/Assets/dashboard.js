// PetriDish dashboard: fills the page shell from the JSON endpoints (/api/...). No library: plots are
// SVG drawn here, every text from the data goes in as text (never as HTML).
'use strict';

const main = document.getElementById('page');
const COLORS = ['#2a6fdb', '#d1495b', '#2e9e5b', '#edae49', '#7b4fb5', '#00798c', '#8c564b', '#e377c2', '#5b6475', '#17becf'];
const SVG = 'http://www.w3.org/2000/svg';

// ---------------------------------------------------------------- small DOM helpers
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function number(value, digits = 4) {
  if (value === null || value === undefined) return '–';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) return value.toExponential(2);
  return value.toFixed(digits);
}

function href(kind, id) {
  return `/${kind}/${id.split('/').map(encodeURIComponent).join('/')}`;
}

function state(name, detail) {
  return el('span', { class: `state ${name}`, title: detail || null, 'data-state': name }, name);
}

function table(id, columns, rows) {
  const head = el('tr', {}, columns.map(c => el('th', { class: c.num ? 'num' : null }, c.title)));
  const body = el('tbody', {}, rows.map(row => rowOf(columns, row)));
  return el('table', { id }, el('thead', {}, head), body);
}

function rowOf(columns, row) {
  const tr = el('tr', { class: row._class || null });
  for (const c of columns) {
    const value = c.value(row);
    tr.append(el('td', { class: c.num ? 'num' : c.motif ? 'motif' : null }, value instanceof Node ? value : (value ?? '–')));
  }
  return tr;
}

async function fetchJson(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

// ---------------------------------------------------------------- plots
const tooltip = el('div', { id: 'tooltip' });
document.body.append(tooltip);

function hover(node, text) {
  node.append(svg('title', {}, text)); // Native tooltip, and readable by tests and screen readers.
  node.addEventListener('mousemove', e => {
    tooltip.textContent = text;
    tooltip.style.display = 'block';
    tooltip.style.left = `${e.clientX + 12}px`;
    tooltip.style.top = `${e.clientY + 12}px`;
  });
  node.addEventListener('mouseleave', () => { tooltip.style.display = 'none'; });
}

function ticks(low, high, count) {
  if (!(high > low)) return [low];
  const step0 = (high - low) / count;
  const power = Math.pow(10, Math.floor(Math.log10(step0)));
  const step = [1, 2, 5, 10].map(m => m * power).find(s => s >= step0);
  const out = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) out.push(+t.toPrecision(12));
  return out;
}

// series: [{name, kind: 'line' | 'step' | 'points' | 'band', points: [{x, y, low, high, label}], color}]
function plot({ id, title, xLabel, yLabel, series, logY = false, width = 760, height = 360 }) {
  const margin = { left: 70, right: 16, top: 28, bottom: 44 };
  const root = svg('svg', { class: 'plot', id, width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  const all = series.flatMap(s => s.points.flatMap(p => [
    { x: p.x, y: p.y }, ...(s.kind === 'band' ? [{ x: p.x, y: p.low }, { x: p.x, y: p.high }] : [])]))
    .filter(p => p.x !== null && p.y !== null && Number.isFinite(p.x) && Number.isFinite(p.y) && (!logY || p.y > 0));
  root.append(svg('text', { x: margin.left, y: 18, 'font-weight': 600 }, title));
  if (all.length === 0) {
    root.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'nothing to draw yet'));
    return root;
  }
  const f = v => (logY ? Math.log10(v) : v);
  let [x0, x1] = [Math.min(...all.map(p => p.x)), Math.max(...all.map(p => p.x))];
  let [y0, y1] = [Math.min(...all.map(p => f(p.y))), Math.max(...all.map(p => f(p.y)))];
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
  const sx = x => margin.left + (x - x0) / (x1 - x0) * (width - margin.left - margin.right);
  const sy = y => height - margin.bottom - (f(y) - y0) / (y1 - y0) * (height - margin.top - margin.bottom);

  for (const t of ticks(x0, x1, 8)) {
    root.append(svg('line', { class: 'grid', x1: sx(t), x2: sx(t), y1: margin.top, y2: height - margin.bottom }));
    root.append(svg('text', { x: sx(t), y: height - margin.bottom + 14, 'text-anchor': 'middle' }, String(t)));
  }
  const yTicks = logY ? ticks(Math.floor(y0), Math.ceil(y1), 6).filter(t => Number.isInteger(t) && t >= y0 && t <= y1).map(t => Math.pow(10, t)) : ticks(y0, y1, 6);
  for (const t of yTicks) {
    root.append(svg('line', { class: 'grid', x1: margin.left, x2: width - margin.right, y1: sy(t), y2: sy(t) }));
    root.append(svg('text', { x: margin.left - 6, y: sy(t) + 4, 'text-anchor': 'end' }, logY ? number(t, 2) : String(+t.toPrecision(6))));
  }
  root.append(svg('line', { class: 'axis', x1: margin.left, x2: width - margin.right, y1: height - margin.bottom, y2: height - margin.bottom }));
  root.append(svg('line', { class: 'axis', x1: margin.left, x2: margin.left, y1: margin.top, y2: height - margin.bottom }));
  root.append(svg('text', { x: (margin.left + width - margin.right) / 2, y: height - 8, 'text-anchor': 'middle' }, xLabel));
  root.append(svg('text', { x: 14, y: (margin.top + height - margin.bottom) / 2, transform: `rotate(-90 14 ${(margin.top + height - margin.bottom) / 2})`, 'text-anchor': 'middle' }, yLabel + (logY ? ' (log scale)' : '')));

  const ok = v => v !== null && v !== undefined && Number.isFinite(v) && (!logY || v > 0);
  series.forEach((s, index) => {
    const color = s.color || COLORS[index % COLORS.length];
    const points = s.points.filter(p => ok(p.x) && (s.kind === 'band' ? ok(p.low) && ok(p.high) : ok(p.y)));
    if (points.length === 0) return;
    if (s.kind === 'band') {
      const upper = points.map(p => `${sx(p.x)},${sy(p.high)}`);
      const lower = points.slice().reverse().map(p => `${sx(p.x)},${sy(p.low)}`);
      root.append(svg('polygon', { points: upper.concat(lower).join(' '), fill: color, 'fill-opacity': 0.15, stroke: 'none' }));
    } else if (s.kind === 'line' || s.kind === 'step') {
      let d = '';
      points.forEach((p, i) => {
        if (i === 0) d += `M${sx(p.x)},${sy(p.y)}`;
        else if (s.kind === 'step') d += `H${sx(p.x)}V${sy(p.y)}`;
        else d += `L${sx(p.x)},${sy(p.y)}`;
      });
      root.append(svg('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, class: `series-${index}` }));
    } else {
      for (const p of points) {
        const dot = svg('circle', { class: 'point', cx: sx(p.x), cy: sy(p.y), r: 4, fill: color, 'fill-opacity': 0.75 });
        hover(dot, p.label || `${s.name}: ${number(p.x)}, ${number(p.y)}`);
        root.append(dot);
      }
    }
  });
  return root;
}

function legend(names, colors = COLORS) {
  return el('div', { class: 'legend' }, names.map((name, i) => el('span', {}, el('i', { style: `background:${colors[i % colors.length]}` }), name)));
}

// ---------------------------------------------------------------- the run list
async function listPage() {
  const data = await fetchJson(main.dataset.api);
  const content = [el('h1', {}, 'Runs')];
  const missing = data.roots.filter(r => !r.exists).map(r => r.folder);
  if (missing.length) content.push(el('p', { class: 'notice' }, `not found (yet): ${missing.join(', ')}`));
  content.push(el('p', { class: 'note' }, `serving ${data.roots.map(r => r.folder).join(', ')}; this list refreshes every 2 s`));
  content.push(data.runs.length === 0 ? el('p', {}, 'no run folder here yet') : table('runs', [
    { title: 'run', value: r => el('a', { href: href('runs', r.id) }, r.label) },
    { title: 'name', value: r => r.name },
    { title: 'search space', value: r => r.space },
    { title: 'surrogate', value: r => r.surrogate ?? (r.error ? null : 'none') },
    { title: 'optimizer', value: r => r.optimizer },
    { title: 'state', value: r => state(r.state, r.error || r.stateDetail) },
    { title: 'evaluations', num: true, value: r => r.budget ? `${r.evaluations} / ${r.budget}` : r.evaluations },
    { title: 'best so far', num: true, value: r => r.best === null ? '–' : `${number(r.best)} ${r.metric ?? ''}` },
    { title: 'last evaluation', value: r => (r.lastEvaluation || '').replace('T', ' ').slice(0, 19) },
  ], data.runs.map(r => ({ ...r, _class: r.state }))));
  if (data.comparisons.length) {
    content.push(el('h2', {}, 'Comparisons'));
    content.push(table('comparisons', [
      { title: 'comparison', value: c => el('a', { href: href('comparisons', c.id) }, c.label) },
      { title: 'metric', value: c => c.metric },
      { title: 'train / test', num: true, value: c => `${c.train ?? '–'} / ${c.test ?? '–'}` },
      { title: 'surrogates (Kendall τ, mean)', value: c => c.error ? el('span', { class: 'error' }, c.error) : c.surrogates.map(s => `${s.id} ${number(s.kendallTau.mean, 3)}`).join(', ') },
    ], data.comparisons));
  }
  if (data.benchmarks.length) {
    content.push(el('h2', {}, 'Benchmarks'));
    content.push(table('benchmarks', [
      { title: 'benchmark', value: b => el('a', { href: href('benchmarks', b.id) }, b.label) },
      { title: 'state', value: b => state(b.state, b.error) },
      { title: 'arms', num: true, value: b => b.progress.length },
      { title: 'searches finished', num: true, value: b => b.progress.some(p => p.runs.length) ? `${b.progress.reduce((n, p) => n + p.finished, 0)} / ${b.progress.reduce((n, p) => n + p.seeds, 0)}` : 'outputs only' },
    ], data.benchmarks));
  }
  main.replaceChildren(...content);
  main.dataset.loaded = 'true';
  markRendered();
}

// ---------------------------------------------------------------- one run
let shownRun = null;

// Milliseconds from the navigation's start to the page's first full drawing (read by bench/dashboard-load.sh).
function markRendered() {
  if (!main.dataset.renderedMs) main.dataset.renderedMs = String(Math.round(performance.now()));
}

function runPage(data) {
  const r = data.run;
  const content = [el('h1', {}, `${r.name} `, state(r.state, r.stateDetail)), el('p', { class: 'note' }, r.label)];
  if (r.error) {
    content.push(el('p', { class: 'error', id: 'store-error' }, `This run's store cannot be read: ${r.error}`));
    main.replaceChildren(...content);
    main.dataset.loaded = 'true';
    return;
  }
  if (shownRun && shownRun.run.state === 'running' && r.state !== 'running') {
    content.push(el('p', { class: 'notice', id: 'stopped' }, `The run stopped: ${r.state}${r.stateDetail ? ` (${r.stateDetail})` : ''}.`));
  } else if (r.state !== 'running') {
    content.push(el('p', { class: 'notice', id: 'stopped' }, `${r.state}${r.stateDetail ? `: ${r.stateDetail}` : ''}`));
  } else {
    content.push(el('p', { class: 'note' }, `running (${r.stateDetail}); this page updates every second`));
  }
  content.push(table('facts', [{ title: 'search space', value: x => x.space }, { title: 'optimizer', value: x => x.optimizer }, { title: 'surrogate', value: x => x.surrogate ?? 'none' },
    { title: 'evaluations', num: true, value: x => x.budget ? `${x.evaluations} / ${x.budget}` : x.evaluations },
    { title: `best ${r.metric ?? ''} (${r.goal}${r.goalKnown ? '' : ', assumed'})`, num: true, value: x => number(x.best) },
    { title: 'best motif', motif: true, value: x => x.bestMotif }], [r]));

  const full = data.evaluations.filter(e => e.number !== null && e.status === 'ok');
  content.push(el('h2', {}, 'Best value against ground-truth evaluations'));
  content.push(plot({
    id: 'progress', title: `best ${r.metric ?? 'value'} found`, xLabel: 'ground-truth evaluations spent', yLabel: r.metric ?? 'value',
    series: [
      { name: 'best so far', kind: 'step', points: data.bestSoFar.map(p => ({ x: p.x, y: p.y })) },
      { name: 'evaluations', kind: 'points', color: '#8a93a5', points: full.map(e => ({ x: e.number, y: e.value, label: `#${e.number} ${e.motif} = ${number(e.value)} (${e.purpose ?? ''})` })) },
    ],
  }));
  content.push(legend(['best so far', 'each evaluation (hover: motif and value)'], [COLORS[0], '#8a93a5']));

  if (data.surrogateQuality.length) {
    content.push(el('h2', {}, 'The surrogate on the motifs it sent to the ground truth'));
    content.push(plot({ id: 'quality', title: 'Kendall τ per iteration', xLabel: 'iteration', yLabel: 'Kendall τ', height: 240,
      series: [{ name: 'τ', kind: 'line', points: data.surrogateQuality.map(q => ({ x: q.iteration, y: q.tau })) },
        { name: 'τ', kind: 'points', points: data.surrogateQuality.map(q => ({ x: q.iteration, y: q.tau, label: `iteration ${q.iteration}: τ ${number(q.tau, 3)} over ${q.evaluated}; favourite ${q.favourite} ranks ${q.favouriteRank}` })) }] }));
    content.push(table('quality-table', [
      { title: 'iteration', num: true, value: q => q.iteration }, { title: 'evaluated', num: true, value: q => q.evaluated },
      { title: 'Kendall τ', num: true, value: q => number(q.tau, 3) }, { title: 'favourite', motif: true, value: q => q.favourite },
      { title: 'its true rank', num: true, value: q => q.favouriteRank }], data.surrogateQuality));
  }

  content.push(el('h2', {}, `Every evaluation (${data.evaluations.length})`));
  content.push(table('evaluations', [
    { title: '#', num: true, value: e => e.number ?? '' }, { title: 'iteration', num: true, value: e => e.iteration },
    { title: 'purpose', value: e => e.purpose }, { title: 'fidelity', value: e => e.fidelity }, { title: 'motif', motif: true, value: e => e.motif },
    { title: 'value', num: true, value: e => number(e.value) }, { title: 'seconds', num: true, value: e => number(e.seconds, 2) },
    { title: 'status', value: e => e.status === 'ok' ? 'ok' : `failed (attempt ${e.attempt}): ${e.error ?? ''}` },
  ], data.evaluations.map(e => ({ ...e, _class: e.status === 'ok' ? null : 'failed' }))));
  if (data.manifest) {
    content.push(el('h2', {}, 'Manifest'));
    content.push(el('pre', { class: 'manifest' }, data.manifest));
  }
  main.replaceChildren(...content);
  main.dataset.loaded = 'true';
  markRendered();
  main.dataset.evaluations = String(data.evaluations.length);
  // Wall-clock time of this drawing, so that a benchmark can tell how long after its storing an evaluation showed.
  main.dataset.drawnAtEpochMs = String(Math.round(performance.timeOrigin + performance.now()));
  main.dataset.state = r.state;
}

async function pollRun() {
  try {
    const data = await fetchJson(main.dataset.api);
    const changed = !shownRun || data.evaluations.length !== shownRun.evaluations.length || data.run.state !== shownRun.run.state || data.run.error !== shownRun.run.error;
    if (changed) runPage(data);
    shownRun = data;
    // A running search is polled every second; a finished one rarely (it may be resumed).
    setTimeout(pollRun, data.run.state === 'running' ? 1000 : 5000);
  } catch (error) {
    main.replaceChildren(el('p', { class: 'error' }, String(error)));
    setTimeout(pollRun, 2000);
  }
}

// ---------------------------------------------------------------- a comparison
async function comparisonPage() {
  const data = await fetchJson(main.dataset.api);
  const content = [el('h1', {}, `Comparison ${data.label}`)];
  if (data.error) {
    content.push(el('p', { class: 'error', id: 'store-error' }, data.error));
  } else {
    content.push(el('p', {}, `${data.metric} (${data.goal}); ${data.train ?? '?'} training motifs, ${data.test ?? '?'} test motifs${data.split ? `; split: ${data.split}` : ''}. Figures are mean ± SD over fits (population SD, as compare.json reports).`));
    const pm = f => `${number(f.mean, 3)} ± ${number(f.sd, 3)}`;
    content.push(table('metrics', [
      { title: 'surrogate', value: s => s.plugin && s.plugin !== s.id ? `${s.id} (${s.plugin})` : s.id }, { title: 'fits', num: true, value: s => s.fits },
      { title: 'Kendall τ', num: true, value: s => pm(s.kendallTau) }, { title: 'Spearman ρ', num: true, value: s => pm(s.spearman) },
      { title: 'precision@k', num: true, value: s => `${pm(s.precisionAtK)} (k=${s.k ?? '–'})` }, { title: 'top-1 regret', num: true, value: s => pm(s.top1Regret) },
      { title: 'fit seconds', num: true, value: s => pm(s.fitSeconds) }], data.surrogates));
    content.push(el('h2', {}, 'Predictions against the ground truth (each surrogate\'s first fit; hover: motif)'));
    if (data.predictions.length === 0) content.push(el('p', { class: 'notice' }, 'no test-scores.csv in this folder (written by petridish compare since 2026-12-04)'));
    content.push(el('div', { class: 'plots' }, data.predictions.map((s, i) => plot({
      id: `scatter-${i}`, title: `${s.surrogate} (fit ${s.fit})`, xLabel: `ground truth: ${data.metric}`, yLabel: 'surrogate score', width: 420, height: 320,
      series: [{ name: s.surrogate, kind: 'points', color: COLORS[i % COLORS.length], points: s.points.map(p => ({ x: p.value, y: p.score, label: `${p.motif}: ${data.metric} ${number(p.value)}, score ${number(p.score)}` })) }],
    }))));
  }
  main.replaceChildren(...content);
  main.dataset.loaded = 'true';
}

// ---------------------------------------------------------------- a benchmark
async function benchmarkPage() {
  const data = await fetchJson(main.dataset.api);
  const content = [el('h1', {}, `Benchmark ${data.name ?? data.label} `, state(data.state, data.error))];
  if (data.error) {
    content.push(el('p', { class: 'error', id: 'store-error' }, data.error));
  } else {
    content.push(el('p', { class: 'note' }, `${data.label}: ${data.evaluations ?? '?'} evaluations per search, ${data.seeds ?? '?'} seeds${data.optimum !== null ? `; optimum ${number(data.optimum)} (${data.metric})` : ''}`));
    if (data.curves.length) {
      const logY = data.measure === 'regret';
      const series = data.curves.flatMap((c, i) => [
        { name: c.arm, kind: 'band', color: COLORS[i % COLORS.length], points: c.points.map(p => ({ x: p.x, low: p.low, high: p.high })) },
        { name: c.arm, kind: 'line', color: COLORS[i % COLORS.length], points: c.points.map(p => ({ x: p.x, y: p.mean })) },
        { name: c.arm, kind: 'points', color: COLORS[i % COLORS.length], points: c.points.filter(p => p.x % Math.max(1, Math.round(c.points.length / 15)) === 0).map(p => ({ x: p.x, y: p.mean, label: `${c.arm} after ${p.x}: mean ${data.measure} ${number(p.mean)} [${number(p.low)}, ${number(p.high)}]` })) },
      ]);
      content.push(el('h2', {}, `${data.measure} against evaluations: mean with its 95 % confidence band`));
      content.push(plot({ id: 'curves', title: `${data.measure}${logY ? ' (0 = the optimum, not drawn on a log scale)' : ''}`, xLabel: 'ground-truth evaluations spent', yLabel: data.measure, series, logY, width: 900, height: 420 }));
      content.push(legend(data.curves.map(c => c.arm)));
    }
    if (data.arms.length) {
      content.push(el('h2', {}, `Final ${data.measure} (mean, median, SD with n − 1, 95 % CI of the mean) and a Wilcoxon test against ${data.referenceArm}`));
      content.push(table('arms', [
        { title: 'arm', value: a => a.name }, { title: 'optimizer', value: a => a.optimizer }, { title: 'surrogate', value: a => a.surrogate ?? 'none' },
        { title: 'seeds', num: true, value: a => a.seeds }, { title: 'mean [95 % CI]', num: true, value: a => `${number(a.mean, 3)} [${number(a.low, 3)}, ${number(a.high, 3)}]` },
        { title: 'median', num: true, value: a => number(a.median, 3) }, { title: 'SD', num: true, value: a => number(a.sd, 3) },
        { title: 'Wilcoxon p', num: true, value: a => a.wilcoxonP === null ? '–' : `${number(a.wilcoxonP, 4)}${a.better ? ` (${a.better} better)` : ''}` },
        { title: 'seconds per search (surrogate)', num: true, value: a => `${number(a.secondsPerSearch, 2)} (${number(a.surrogateSecondsPerSearch, 2)})` }], data.arms));
    } else {
      content.push(el('p', { class: 'notice' }, 'the curves and the arms\' table appear when the benchmark has finished (benchmark.json)'));
    }
    if (data.progress.some(p => p.runs.length)) content.push(el('h2', {}, 'Searches'), table('progress', [
      { title: 'arm', value: p => p.arm }, { title: 'finished', num: true, value: p => `${p.finished} / ${p.seeds}` }, { title: 'running', num: true, value: p => p.running },
      { title: 'seeds', value: p => el('span', {}, p.runs.map(r => [el('a', { href: href('runs', r.id), class: `state ${r.state}` }, String(r.seed)), ' '])) }], data.progress));
    else content.push(el('p', { class: 'note' }, 'its run folders are not here (only its outputs)'));
  }
  main.replaceChildren(...content);
  main.dataset.loaded = 'true';
  setTimeout(benchmarkPage, data.state === 'running' ? 2000 : 10000);
}

// ---------------------------------------------------------------- start
const pages = {
  list: async () => { await listPage(); setInterval(() => listPage().catch(() => {}), 2000); },
  run: pollRun,
  comparison: comparisonPage,
  benchmark: benchmarkPage,
};
(pages[main.dataset.page] || (() => {}))().catch(error => main.replaceChildren(el('p', { class: 'error' }, String(error))));
