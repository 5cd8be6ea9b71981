// subtomo GUI. Every name from the server is put on the page with textContent or as a URL parameter
// (encodeURIComponent), never as HTML, so a file called <script>... shows as text.
'use strict';

const state = { forms: [], tabs: [], current: null, tab: null, values: {}, logJob: null, display: null };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

async function api(path, body) {
  const opts = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const r = await fetch('/api/' + path, opts);
  const data = await r.json();
  if (!r.ok && !('ok' in data)) throw new Error(data.error || ('HTTP ' + r.status));
  return data;
}

function q(params) {
  return Object.entries(params).map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
}

// ---- pages
function showPage(id) {
  for (const p of document.querySelectorAll('.page')) p.classList.toggle('hidden', p.id !== id);
  for (const b of document.querySelectorAll('nav button')) b.classList.toggle('active', b.dataset.page === id);
  if (id === 'page-files') listFiles(state.filesDir || '');
  if (id === 'page-graph') drawGraph();
}

// ---- job types and forms
async function loadForms() {
  const data = await api('forms');
  state.forms = data.jobTypes;
  state.tabs = data.tabs;
  const list = document.getElementById('jobtypes');
  list.replaceChildren();
  for (const f of state.forms) {
    const b = el('button', { type: 'button', id: 'jobtype-' + f.command, title: f.available ? f.description : f.description, text: f.label });
    if (!f.available) b.disabled = true;
    b.addEventListener('click', () => selectForm(f.command));
    list.append(el('li', {}, b));
  }
}

function selectForm(command, values) {
  const f = state.forms.find(x => x.command === command);
  if (!f || !f.available) return;
  state.current = f;
  state.values = {};
  for (const fld of f.fields) state.values[fld.name] = fld.default;
  Object.assign(state.values, values || {});
  for (const b of document.querySelectorAll('#jobtypes button')) b.classList.toggle('selected', b.id === 'jobtype-' + command);
  document.getElementById('form-title').textContent = f.label + '  (subtomo ' + f.command + ')';
  document.getElementById('form-description').textContent = f.description;
  document.getElementById('print-button').disabled = false;
  document.getElementById('run-button').disabled = false;
  document.getElementById('command-line').textContent = '';
  document.getElementById('form-errors').textContent = '';
  const tabs = state.tabs.filter(t => f.fields.some(x => x.tab === t));
  const bar = document.getElementById('tabs');
  bar.replaceChildren();
  for (const t of tabs) {
    const b = el('button', { type: 'button', text: t, dataset: { tab: t } });
    b.addEventListener('click', () => showTab(t));
    bar.append(b);
  }
  renderFields(f);
  showTab(tabs[0]);
}

function renderFields(f) {
  const form = document.getElementById('job-form');
  form.replaceChildren();
  for (const fld of f.fields) {
    let input;
    if (fld.type === 'boolean') {
      input = el('input', { type: 'checkbox' });
      input.checked = String(state.values[fld.name]) === 'true';
      input.addEventListener('change', () => { state.values[fld.name] = input.checked ? 'true' : 'false'; });
    } else if (fld.type === 'choice') {
      input = el('select', {});
      if (!fld.required) input.append(el('option', { value: '', text: '' }));
      for (const c of fld.choices) input.append(el('option', { value: c, text: c }));
      input.value = state.values[fld.name] || '';
      input.addEventListener('change', () => { state.values[fld.name] = input.value; });
    } else {
      input = el('input', { type: 'text' });
      input.value = state.values[fld.name] || '';
      input.placeholder = fld.label || fld.type;
      input.addEventListener('input', () => { state.values[fld.name] = input.value; });
      if (fld.input) offerFiles(input, fld);
    }
    input.dataset.field = fld.name;
    input.title = fld.help;
    const name = fld.positional ? (fld.label || fld.name) : fld.name;
    const row = el('div', { class: 'field', dataset: { tab: fld.tab, name: fld.name } },
      el('label', { text: name + (fld.required ? ' *' : '') }), input,
      el('span', { class: 'help', text: fld.help }));
    form.append(row);
  }
}

// input fields offer the project's files of the kind their label names (STAR, MRC, ...) as a drop-down list
const SUFFIXES = { STAR: '.star', MRC: '.mrc,.map,.mrcs', MAP: '.mrc,.map', OPTIMISER: '_optimiser.star', MODEL: '_model.star' };
async function offerFiles(input, fld) {
  const ext = SUFFIXES[(fld.label || '').toUpperCase()] || '';
  let data;
  try { data = await api('find?' + q({ ext })); } catch (e) { return; }
  const id = 'files-' + fld.name.replace(/[^A-Za-z0-9_-]/g, '');
  let list = document.getElementById(id);
  if (!list) { list = el('datalist', { id }); document.body.append(list); }
  list.replaceChildren(...data.files.map(f => el('option', { value: f })));
  input.setAttribute('list', id);
}

function showTab(t) {
  state.tab = t;
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === t);
  for (const r of document.querySelectorAll('#job-form .field')) r.classList.toggle('hidden', r.dataset.tab !== t);
}

function showProblems(result) {
  for (const r of document.querySelectorAll('#job-form .field')) {
    r.classList.remove('invalid');
    const old = r.querySelector('.problem');
    if (old) old.remove();
  }
  const general = [];
  for (const [name, msg] of Object.entries(result.errors || {})) {
    const row = [...document.querySelectorAll('#job-form .field')].find(r => r.dataset.name === name);
    if (row) {
      row.classList.add('invalid');
      row.append(el('span', { class: 'problem', text: msg }));
      row.classList.remove('hidden');
    } else general.push((name ? name + ': ' : '') + msg);
  }
  document.getElementById('form-errors').textContent = general.join('\n');
}

async function printCommand(run) {
  if (!state.current) return;
  const body = { command: state.current.command, values: state.values };
  const result = await api(run ? 'run' : 'command', body);
  document.getElementById('command-line').textContent = result.line || '';
  showProblems(result);
  if (!result.ok) {
    const names = Object.keys(result.errors || {});
    document.getElementById('form-errors').textContent =
      'Not started: fix ' + names.map(n => n || 'the command').join(', ') + '\n' + document.getElementById('form-errors').textContent;
  }
  if (run && result.ok) await refreshJobs();
}

// ---- jobs
function progressCell(p) {
  if (!p) return el('span', {});
  const bar = el('div', { class: 'bar' }, el('div', { style: 'width:' + Math.max(0, Math.min(100, p.percent)) + '%' }));
  return el('span', {}, bar, el('span', { class: 'progress-text', text: p.label + ' ' + p.done + '/' + p.total + (p.eta ? ' ETA ' + p.eta : '') }));
}

async function refreshJobs() {
  let data;
  const problem = document.getElementById('jobs-error');
  try { data = await api('jobs'); } catch (e) { problem.textContent = 'Cannot list the jobs: ' + e.message; return; }
  problem.textContent = '';
  const body = document.querySelector('#jobs-table tbody');
  // rows are updated in place (keyed by job), so that buttons do not move or vanish under the pointer
  const seen = new Set();
  let previous = null;
  for (const j of data.jobs) {
    seen.add(j.id);
    let tr = [...body.children].find(r => r.dataset.job === j.id);
    if (!tr) {
      tr = el('tr', { dataset: { job: j.id } }, el('td', { class: 'job-name' }), el('td', { class: 'job-command' }),
        el('td', { class: 'status' }), el('td', { class: 'progress' }), el('td', { class: 'actions' }));
    }
    const after = previous ? previous.nextSibling : body.firstChild;
    if (tr !== after) body.insertBefore(tr, after);
    previous = tr;
    setText(tr.querySelector('.job-name'), j.label);
    setText(tr.querySelector('.job-command'), j.command);
    const st = tr.querySelector('.status');
    setText(st, j.status);
    st.className = 'status status-' + j.status;
    const progressKey = JSON.stringify(j.progress || null);
    const pc = tr.querySelector('.progress');
    if (pc.dataset.key !== progressKey) { pc.replaceChildren(progressCell(j.progress)); pc.dataset.key = progressKey; }
    const wanted = ['log', j.display != null ? 'display' : '', j.status === 'running' && j.abort ? 'abort' : '',
                    j.status !== 'running' && j.continueWith ? 'continue' : '', j.status !== 'running' && j.delete ? 'delete' : ''].filter(x => x).join(',');
    const actions = tr.querySelector('.actions');
    actions.job = j;
    if (actions.dataset.key !== wanted) {
      actions.dataset.key = wanted;
      actions.replaceChildren();
      const act = { log: ['Log', () => showLog(actions.job)], display: ['Display', () => openDisplay(actions.job.display || '.')],
                    abort: ['Abort', () => abortJob(actions.job)], continue: ['Continue', () => continueJob(actions.job)],
                    delete: ['Delete', () => deleteJob(actions.job)] };
      for (const a of wanted.split(','))
        actions.append(el('button', { type: 'button', class: a + '-button', text: act[a][0], onclick: act[a][1] }));
    }
    if (state.logJob === j.id) renderLog(j);
  }
  for (const r of [...body.children]) if (!seen.has(r.dataset.job)) r.remove();
}

function setText(e, t) { if (e.textContent !== t) e.textContent = t; }

function showLog(j) {
  state.logJob = j.id;
  renderLog(j);
}

function renderLog(j) {
  document.getElementById('log-panel').classList.remove('hidden');
  document.getElementById('log-title').textContent = 'Log of ' + j.label + ' (' + (j.log || '') + ')';
  document.getElementById('log-text').textContent = (j.tail || []).join('\n');
}

async function abortJob(j) {
  try { await api('abort', j.abort); } catch (e) { alertText(e.message); }
  await refreshJobs();
}

async function deleteJob(j) {
  if (!confirm('Move ' + j.id + ' to Trash/ and take it out of the pipeline?')) return;
  try { await api('delete', j.delete); } catch (e) { alertText(e.message); }
  await refreshJobs();
}

function continueJob(j) {
  showPage('page-jobs');
  selectForm(j.continueWith.command, j.continueWith.values);
}

function alertText(msg) { document.getElementById('form-errors').textContent = msg; }

// ---- files
async function listFiles(dir) {
  state.filesDir = dir;
  let data;
  try { data = await api('files?' + q({ dir })); } catch (e) { alertText(e.message); return; }
  document.getElementById('files-dir').textContent = '/' + data.dir;
  const ul = document.getElementById('files');
  ul.replaceChildren();
  if (data.dir) {
    const up = data.dir.includes('/') ? data.dir.substring(0, data.dir.lastIndexOf('/')) : '';
    ul.append(el('li', {}, el('a', { class: 'file-up', text: '..', onclick: () => listFiles(up) })));
  }
  for (const e of data.entries) {
    const a = el('a', { class: 'file-entry', text: e.name + (e.directory ? '/' : ''), dataset: { path: e.path } });
    a.addEventListener('click', () => e.directory ? listFiles(e.path) : openDisplay(e.path));
    const li = el('li', {}, a);
    if (e.directory) li.append(' ', el('button', { type: 'button', text: 'Display', onclick: () => openDisplay(e.path) }));
    else li.append(el('span', { class: 'path', text: '  ' + e.size + ' bytes' }));
    ul.append(li);
  }
}

// ---- displays
async function openDisplay(path) {
  let d;
  try { d = await api('display?' + q({ path })); } catch (e) { alertText(e.message); return; }
  state.display = d;
  document.getElementById('display').classList.remove('hidden');
  document.getElementById('display-path').textContent = d.path;
  const body = document.getElementById('display-body');
  body.replaceChildren();
  const show = { classes: showClasses, volume: showVolume, stack: showStack, image: showImage, picture: showPicture,
                 directory: showDirectory, plots: showPlots, text: showText }[d.kind] || showText;
  await show(d, body);
  document.getElementById('display').scrollIntoView();
}

function img(src, alt) { return el('img', { src, alt: alt || '' }); }

function showClasses(d, body) {
  const sel = new Set();
  const sortBy = el('select', { id: 'class-sort' },
    el('option', { value: 'distribution', text: 'sort by class distribution' }),
    el('option', { value: 'number', text: 'sort by class number' }));
  const save = el('button', { type: 'button', id: 'save-selection', text: 'Save STAR with particles from selected classes' });
  save.disabled = !d.canSelect;
  const info = el('span', { id: 'selection-info', text: '0 classes selected' });
  const result = el('div', { id: 'selection-result' });
  const gallery = el('div', { class: 'gallery', id: 'class-gallery' });
  const draw = () => {
    const list = [...d.classes];
    if (sortBy.value === 'distribution') list.sort((a, b) => b.distribution - a.distribution || a.number - b.number);
    else list.sort((a, b) => a.number - b.number);
    gallery.replaceChildren();
    for (const c of list) {
      const tile = el('div', { class: 'class-tile' + (sel.has(c.number) ? ' selected' : ''), dataset: { class: String(c.number) } },
        img('/api/class-image?' + q({ model: d.path, class: c.number }), 'class ' + c.number),
        el('div', { text: c.number + ': ' + (100 * c.distribution).toFixed(1) + '%' }));
      tile.addEventListener('click', () => {
        if (sel.has(c.number)) sel.delete(c.number); else sel.add(c.number);
        tile.classList.toggle('selected', sel.has(c.number));
        info.textContent = sel.size + ' classes selected';
      });
      gallery.append(tile);
    }
  };
  sortBy.addEventListener('change', draw);
  save.addEventListener('click', async () => {
    try {
      const r = await api('select-classes', { model: d.path, classes: [...sel].sort((a, b) => a - b) });
      if (r.error) { result.textContent = r.error; return; }
      result.textContent = 'wrote ' + r.written + ': ' + r.kept + ' of ' + r.total + ' particles (classes ' + r.classes.join(', ') + ')';
    } catch (e) { result.textContent = e.message; }
  });
  body.append(el('div', { class: 'toolbar' }, sortBy, info, save), gallery, result);
  draw();
}

function showVolume(d, body) {
  const slider = el('input', { type: 'range', id: 'z-slider', min: '0', max: String(d.nz - 1), value: String(Math.floor(d.nz / 2)) });
  const label = el('span', { id: 'z-label' });
  const section = img('', 'section');
  const update = () => {
    label.textContent = 'Z = ' + slider.value + ' of ' + (d.nz - 1);
    section.src = '/api/section?' + q({ path: d.path, z: slider.value });
  };
  slider.addEventListener('input', update);
  body.append(el('p', { text: 'volume ' + d.nx + ' x ' + d.ny + ' x ' + d.nz }),
    el('div', { class: 'slider' }, slider, label),
    el('div', { class: 'section-view' }, section),
    el('h3', { text: 'Central slices (XY | XZ | YZ)' }), el('div', { class: 'picture' }, img('/api/central?' + q({ path: d.path }), 'central slices')));
  if (d.localResolution)
    body.append(el('h3', { text: 'Local-resolution histogram' }), el('div', { class: 'picture', id: 'locres-histogram' },
      img(d.histogram ? '/api/file?' + q({ path: d.histogram }) : '/api/locres-histogram?' + q({ path: d.path }), 'histogram')));
  update();
}

function showStack(d, body) {
  body.append(el('p', { text: 'stack of ' + d.nz + ' images ' + d.nx + ' x ' + d.ny + (d.nz > d.shown ? ', first ' + d.shown + ' shown' : '') }));
  const g = el('div', { class: 'gallery' });
  for (let i = 0; i < d.shown; i++)
    g.append(el('div', { class: 'class-tile' }, img('/api/section?' + q({ path: d.path, z: i }), 'image ' + (i + 1)), el('div', { text: String(i + 1) })));
  body.append(g);
}

function showImage(d, body) {
  body.append(el('div', { class: 'section-view' }, img('/api/section?' + q({ path: d.path, z: 0 }), 'image')));
}

function showPicture(d, body) {
  body.append(el('div', { class: 'picture' }, img('/api/file?' + q({ path: d.path }), d.path)));
}

function showDirectory(d, body) {
  if (d.outputs && d.outputs.length) {
    const outs = el('div', { class: 'toolbar outputs' }, el('span', { text: 'Outputs:' }));
    for (const o of d.outputs) outs.append(el('button', { type: 'button', class: 'output-button', text: o, dataset: { path: o }, onclick: () => openDisplay(o) }));
    body.append(outs);
  }
  if (!d.pictures.length) body.append(el('p', { text: 'no pictures (PNG/SVG) in this directory; see Files for its contents' }));
  // pictures of the same name (a tilt's diagnostic PNG and its 1D-curve SVG) side by side, in tilt order
  const groups = new Map();
  for (const p of d.pictures) {
    const base = p.replace(/\.(png|svg)$/i, '');
    if (!groups.has(base)) groups.set(base, []);
    groups.get(base).push(p);
  }
  for (const [base, pics] of groups)
    body.append(el('div', { class: 'picture picture-group' }, el('div', { class: 'path', text: base.substring(base.lastIndexOf('/') + 1) }),
      el('div', { class: 'toolbar' }, ...pics.map(p => img('/api/file?' + q({ path: p }), p)))));
  const files = el('button', { type: 'button', text: 'Show its files', onclick: () => { showPage('page-files'); listFiles(d.path); } });
  body.append(files);
}

function showPlots(d, body) {
  const pics = d.pictures || [];
  for (const p of pics) body.append(el('div', { class: 'picture plot' }, el('div', { class: 'path', text: p }), img('/api/file?' + q({ path: p }), p)));
  for (let i = 0; i < (d.rendered || 0); i++)
    body.append(el('div', { class: 'picture plot' }, img('/api/plot?' + q({ path: d.path, part: i }), 'plot ' + (i + 1))));
  if (!pics.length && !d.rendered) body.append(el('p', { text: 'no plots drawn for this file' }));
}

async function showText(d, body) {
  const r = await fetch('/api/file?' + q({ path: d.path }));
  const t = r.ok ? await r.text() : '(cannot show this file)';
  body.append(el('pre', { class: 'log', text: t.length > 200000 ? t.substring(0, 200000) + '\n...' : t }));
}

// ---- pipeline graph
async function drawGraph() {
  const holder = document.getElementById('graph');
  let g;
  try { g = await api('pipeline'); } catch (e) { document.getElementById('graph-empty').textContent = e.message; return; }
  holder.replaceChildren();
  document.getElementById('graph-empty').textContent = g.processes.length ? '' : 'no jobs in this project\'s pipeline yet';
  if (!g.processes.length) return;
  // layers: a process sits one layer below the deepest process whose output it reads
  const depth = {};
  const inputsOf = p => g.edges.filter(e => e.to === p).map(e => e.from);
  const d = p => {
    if (p in depth) return depth[p];
    depth[p] = 0;
    const parents = inputsOf(p);
    depth[p] = parents.length ? 1 + Math.max(...parents.map(d)) : 0;
    return depth[p];
  };
  g.processes.forEach(p => d(p.name));
  const layers = {};
  for (const p of g.processes) (layers[depth[p.name]] = layers[depth[p.name]] || []).push(p);
  const W = 170, H = 46, GX = 30, GY = 50;
  const pos = {};
  let width = 0, height = 0;
  for (const [layer, ps] of Object.entries(layers)) ps.forEach((p, i) => {
    pos[p.name] = { x: 10 + i * (W + GX), y: 10 + layer * (H + GY) };
    width = Math.max(width, pos[p.name].x + W + 10); height = Math.max(height, pos[p.name].y + H + 10);
  });
  const NS = 'http://www.w3.org/2000/svg';
  const s = (tag, attrs, text) => { const e = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); if (text != null) e.textContent = text; return e; };
  const svg = s('svg', { width, height, id: 'graph-svg' });
  const defs = s('defs', {});
  const marker = s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '8', markerHeight: '8', orient: 'auto' });
  marker.append(s('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#555' }));
  defs.append(marker); svg.append(defs);
  for (const e of g.edges) {
    const a = pos[e.from], b = pos[e.to];
    if (!a || !b) continue;
    const line = s('line', { x1: a.x + W / 2, y1: a.y + H, x2: b.x + W / 2, y2: b.y, stroke: '#555', 'marker-end': 'url(#arrow)' });
    line.append(s('title', {}, e.node));
    svg.append(line);
  }
  const colour = { running: '#d6eaf8', succeeded: '#d5f5e3', failed: '#fadbd8', aborted: '#fdebd0', scheduled: '#eee' };
  for (const p of g.processes) {
    const grp = s('g', { class: 'graph-node', 'data-job': p.name });
    grp.append(s('rect', { x: pos[p.name].x, y: pos[p.name].y, width: W, height: H, rx: 6, fill: colour[p.status] || '#fff', stroke: '#333' }));
    grp.append(s('text', { x: pos[p.name].x + 8, y: pos[p.name].y + 18, 'font-size': 12 }, p.name));
    grp.append(s('text', { x: pos[p.name].x + 8, y: pos[p.name].y + 36, 'font-size': 11, fill: '#555' }, (p.alias || '') + ' ' + p.status));
    grp.addEventListener('click', () => openDisplay(p.name));
    svg.append(grp);
  }
  holder.append(svg);
}

// ---- start
document.addEventListener('DOMContentLoaded', async () => {
  for (const b of document.querySelectorAll('nav button')) b.addEventListener('click', () => showPage(b.dataset.page));
  document.getElementById('print-button').addEventListener('click', () => printCommand(false));
  document.getElementById('run-button').addEventListener('click', () => printCommand(true));
  document.getElementById('display-close').addEventListener('click', () => document.getElementById('display').classList.add('hidden'));
  try {
    const p = await api('project');
    document.getElementById('project').textContent = p.project;
  } catch (e) { alertText(e.message); }
  await loadForms();
  await refreshJobs();
  setInterval(refreshJobs, 1000);
});
