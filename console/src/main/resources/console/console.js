// The faceflow console page. Data is put into the page with textContent and element attributes,
// never as HTML, so nothing a camera or an operator typed can run as script here.
'use strict';

let csrfToken = null;
let people = [];
let versionsHeld = [];
const shownAlerts = new Set();

const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) {
      if (name === 'text') node.textContent = value; else node.setAttribute(name, value);
    }
  }
  children.filter((c) => c !== null && c !== undefined).forEach((c) => node.append(c));
  return node;
}

function say(text) {
  $('message').textContent = text || '';
}

/** A call to the console's API; changes carry the session's CSRF token. Throws with the server's message. */
async function api(method, url, body) {
  const headers = method === 'GET' ? {} : { 'X-CSRF-Token': csrfToken };
  const response = await fetch(url, { method, body, headers, credentials: 'same-origin' });
  if (response.status === 401) {
    window.location.assign('/login');
    throw new Error('signed out');
  }
  const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok && response.status !== 422) {
    throw new Error(answer.error || response.statusText);
  }
  return answer;
}

function time(ms) {
  return new Date(ms).toLocaleString();
}

function score(value) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(3);
}

function photoOf(identityId, alt) {
  return el('img', { src: '/api/people/' + encodeURIComponent(identityId) + '/photo', alt, class: 'enrolled' });
}

function faceImage(dataUri, alt) {
  return dataUri ? el('img', { src: dataUri, alt, class: 'face' }) : el('span', { class: 'muted', text: 'no thumbnail' });
}

function confirmed(text) {
  $('confirm-text').textContent = text;
  const dialog = $('confirm');
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'),
    { once: true }));
}

// ---- Live -------------------------------------------------------------------------------------

function showAlert(alert) {
  if (shownAlerts.has(alert.alertId)) return;
  shownAlerts.add(alert.alertId);
  const item = el('li', {
    class: 'alert', 'data-alert-id': alert.alertId, 'data-camera': alert.cameraId,
    'data-identity': alert.identityId, 'data-name': alert.displayName,
    'data-capture-ms': alert.captureTimeMs, 'data-received-ms': alert.receivedMs, 'data-shown-ms': Date.now(),
  },
  faceImage(alert.thumbnail, 'face seen by ' + alert.cameraId),
  photoOf(alert.identityId, 'enrolled photo of ' + alert.identityId),
  el('div', {},
    el('div', { class: 'who', text: alert.displayName + ' (' + alert.identityId + ')' }),
    alert.watchlists.length ? el('div', { class: 'muted watchlists', text: 'on ' + alert.watchlists.join(', ') }) : null,
    el('div', { class: 'muted', text: alert.cameraId + ' · score ' + score(alert.score) + ' (threshold '
      + score(alert.threshold) + ') · ' + time(alert.captureTimeMs) }),
    alert.trackId ? el('div', { class: 'muted seen', text: 'seen ' + ((alert.lastSeenMs - alert.firstSeenMs) / 1000).toFixed(1)
      + ' s · ' + alert.facesUsed + ' face(s) used · track ' + alert.trackId + ' (its best face shown)' }) : null,
    alert.thumbnail ? notThisPersonButton(alert) : null));
  $('alerts').prepend(item);
  addCamera(alert.cameraId);
  filterAlert(item);
}

/** "Not this person": keeps the face as a negative of the identity (for calibration); never enrols it. */
function notThisPersonButton(alert) {
  const button = el('button', { type: 'button', class: 'not-this-person', text: 'Not this person' });
  button.addEventListener('click', async () => {
    const ok = await confirmed('Is this face not ' + alert.displayName + ' (' + alert.identityId + ')? It is kept as'
      + ' a negative of that person: it measures how close strangers come, and is never enrolled.');
    if (!ok) return;
    try {
      const answer = await api('POST', '/api/alerts/' + encodeURIComponent(alert.alertId) + '/not');
      button.replaceWith(el('span', { class: 'muted corrected',
        text: answer.stored ? 'marked: not this person' : 'already marked: not this person' }));
    } catch (e) {
      say(e.message);
    }
  });
  return button;
}

function addCamera(cameraId) {
  const select = $('camera-filter');
  if (![...select.options].some((o) => o.value === cameraId)) select.append(el('option', { value: cameraId, text: cameraId }));
}

function filterAlert(item) {
  const camera = $('camera-filter').value;
  const who = $('identity-filter').value.trim().toLowerCase();
  const visible = (!camera || item.dataset.camera === camera)
    && (!who || item.dataset.identity.toLowerCase().includes(who) || item.dataset.name.toLowerCase().includes(who));
  item.classList.toggle('hidden', !visible);
}

function filterAlerts() {
  document.querySelectorAll('#alerts .alert').forEach(filterAlert);
}

function followAlerts() {
  const source = new EventSource('/api/alerts');
  source.addEventListener('alert', (event) => showAlert(JSON.parse(event.data)));
  source.addEventListener('forget', (event) => {
    const gone = JSON.parse(event.data).identityId;
    document.querySelectorAll('#alerts .alert').forEach((a) => { if (a.dataset.identity === gone) a.remove(); });
  });
}

function rate(value) {
  return value === null || value === undefined ? '…' : value.toFixed(1);
}

/** The status line: each stream processor, then each camera (from the processors' metrics and the alerts). */
async function refreshStatus() {
  try {
    const status = await api('GET', '/api/status');
    const parts = [el('span', { text: status.following ? 'following faceflow.matches' : 'connecting to faceflow.matches…' })];
    const cameras = new Map();
    const camera = (id) => cameras.get(id) || cameras.set(id, { cameraId: id }).get(id);
    for (const p of status.processors) {
      parts.push(el('span', { class: 'processor', text: p.error ? p.error : 'stream ' + p.endpoint.replace(/\/metrics$/, '')
        + ': ' + rate(p.framesPerSecond) + ' frames/s, ' + rate(p.facesPerSecond) + ' faces/s, lag '
        + (p.lag === null ? '–' : p.lag.toFixed(0)) }));
      p.cameras.forEach((c) => Object.assign(camera(c.cameraId), c));
    }
    status.cameras.forEach((c) => Object.assign(camera(c.cameraId), { alerts: c.alerts, lastAlertMs: c.lastCaptureMs }));
    for (const c of cameras.values()) {
      const figures = [];
      if (c.lastFrameMs !== undefined) {
        figures.push(rate(c.framesPerSecond) + ' frames/s', rate(c.facesPerSecond) + ' faces/s',
          'last frame ' + time(c.lastFrameMs));
      }
      figures.push((c.alerts || 0) + ' alert(s)' + (c.lastAlertMs ? ', last ' + time(c.lastAlertMs) : ''));
      parts.push(el('span', { class: 'camera-status', 'data-camera': c.cameraId, text: c.cameraId + ': '
        + figures.join(', ') }));
    }
    $('status').replaceChildren(...parts);
    $('status').dataset.following = status.following;
  } catch (e) {
    $('status').textContent = 'status unavailable: ' + e.message;
  }
}

// ---- Gallery ----------------------------------------------------------------------------------

async function loadPeople() {
  people = await api('GET', '/api/people');
  const list = $('people');
  list.replaceChildren();
  for (const p of people) {
    const rename = el('input', { class: 'rename-input', value: p.displayName, 'aria-label': 'new name of ' + p.identityId });
    const item = el('li', { class: 'person', 'data-identity': p.identityId },
      el('div', { class: 'who', text: p.displayName + ' (' + p.identityId + ')' }),
      el('div', { class: 'crops' }, ...p.templates.map((t) => el('img', {
        src: '/api/people/' + encodeURIComponent(p.identityId) + '/crops/' + encodeURIComponent(t),
        alt: 'enrolled crop ' + t + ' of ' + p.identityId }))),
      rename,
      el('button', { class: 'rename' , text: 'Rename' }),
      el('button', { class: 'forget danger', text: 'Forget…' }));
    item.querySelector('.rename').addEventListener('click', () => renamePerson(p, rename.value));
    item.querySelector('.forget').addEventListener('click', () => forgetPerson(p));
    list.append(item);
  }
}

/** Posts a form and shows the answer in `out` with `render`, or the server's message when refused. */
async function submit(event, out, working, url, body, render) {
  event.preventDefault();
  out.replaceChildren(el('p', { class: 'muted', text: working }));
  try {
    render(await api('POST', url, body));
  } catch (e) {
    out.replaceChildren(el('p', { class: 'error', text: e.message }));
  }
}

function enrol(event) {
  const out = $('enrol-result');
  return submit(event, out, 'enrolling…', '/api/people', new FormData($('enrol-form')), (answer) => {
    const outcomes = answer.photos.map((p) => el('li', { class: p.accepted ? 'accepted' : 'rejected',
      text: p.photo + ': ' + (p.accepted ? 'accepted' : 'rejected: ' + p.problem) }));
    outcomes.push(el('li', { class: answer.enrolled ? 'enrolled' : 'rejected', text: answer.identityId + ': '
      + (answer.enrolled ? 'enrolled: ' + answer.templates + ' template(s), model ' + answer.modelVersion
        : 'not enrolled: no usable photo') }));
    out.replaceChildren(el('ul', { class: 'outcomes' }, ...outcomes));
    loadPeople().catch((e) => say(e.message));
  });
}

async function renamePerson(person, name) {
  const body = new URLSearchParams({ displayName: name });
  try {
    await api('POST', '/api/people/' + encodeURIComponent(person.identityId) + '/name', body);
    say('');
    await loadPeople();
  } catch (e) {
    say(e.message);
  }
}

async function forgetPerson(person) {
  const models = await api('GET', '/api/models');
  versionsHeld = models.versions.map((v) => v.version);
  const ok = await confirmed('Forget ' + person.displayName + ' (' + person.identityId + ')? This erases their templates'
    + ' in every model version (' + versionsHeld.join(', ') + '), their ' + person.templates.length
    + ' enrolled crop(s), and every sighting decided to be them. It cannot be undone.');
  if (!ok) return;
  try {
    const report = await api('DELETE', '/api/people/' + encodeURIComponent(person.identityId));
    say('forgot ' + report.identityId + ': erased from model versions ' + report.erasedFromVersions.join(', ')
      + '; crops removed: ' + report.cropsRemoved + '; sightings erased: ' + report.sightingsErased);
    $('message').className = 'muted';
    await loadPeople();
  } catch (e) {
    say(e.message);
  }
}

// ---- Search -----------------------------------------------------------------------------------

function identify(event) {
  const out = $('identify-result');
  return submit(event, out, 'searching…', '/api/identify', new FormData($('identify-form')), (answer) => {
    out.replaceChildren(el('p', { class: 'muted', text: answer.problem ? answer.problem
      : answer.faces.length + ' face(s); model ' + answer.modelVersion }));
    for (const f of answer.faces) {
      const label = f.rejection ? 'not searched: ' + f.rejection
        : f.known ? f.displayName + ' (' + f.identityId + ')' : 'unknown';
      out.append(el('div', { class: 'face', 'data-identity': f.identityId || '' },
        faceImage(f.crop, 'face in the photo'),
        f.known ? photoOf(f.identityId, 'enrolled photo of ' + f.identityId) : null,
        el('div', {},
          el('div', { class: 'who', text: label }),
          f.rejection ? null : el('div', { class: 'muted', text: 'best ' + score(f.score) + ', threshold '
            + score(f.threshold) + ' · candidates: ' + f.candidates.map((c) => c.identityId + ' ' + score(c.score))
              .join(', ') }))));
    }
  });
}

function sightings(event) {
  const out = $('sightings-result');
  const body = new FormData($('sightings-form'));
  for (const [field, input] of [['fromMs', 'sightings-from'], ['toMs', 'sightings-to']]) {
    if ($(input).value) body.append(field, String(new Date($(input).value).getTime()));
  }
  return submit(event, out, 'searching…', '/api/sightings', body, (answer) => showSightings(out, answer));
}

/** Sightings found by a photo or by an unknown person's face, in `out`. */
function showSightings(out, answer) {
  if (answer.problem) {
    out.replaceChildren(el('p', { class: 'error', text: answer.problem }));
    return;
  }
  const list = el('ul', { class: 'hits' });
  for (const s of answer.sightings) {
    list.append(el('li', { class: 'hit', 'data-identity': s.identityId || '', 'data-camera': s.cameraId },
      faceImage(answer.probe, 'the face searched'),
      s.enrolledCrop ? el('img', { src: s.enrolledCrop, alt: 'enrolled photo of ' + s.identityId }) : null,
      el('div', {},
        el('div', { class: 'who', text: s.identityId ? (s.displayName || s.identityId) + ' (' + s.identityId + ')'
          : 'unknown' }),
        el('div', { class: 'muted', text: s.cameraId + ' · ' + time(s.captureTimeMs) + ' · similarity '
          + score(s.score) }))));
  }
  out.replaceChildren(el('p', { class: 'muted', text: answer.sightings.length + ' sighting(s); model '
    + answer.modelVersion }), list);
}

// ---- Unknown people ---------------------------------------------------------------------------

function shotUrl(candidateId, shotId) {
  return '/api/unknowns/' + encodeURIComponent(candidateId) + '/shots/' + encodeURIComponent(shotId);
}

/** The visits on one line from first to last seen, one mark per visit (its camera and time on hover). */
function timeline(c) {
  const span = Math.max(1, c.lastSeenMs - c.firstSeenMs);
  const bar = el('div', { class: 'timeline', 'aria-label': c.visits + ' visit(s) from ' + time(c.firstSeenMs)
    + ' to ' + time(c.lastSeenMs) });
  for (const v of c.timeline) {
    const mark = el('span', { class: 'visit', title: v.cameraId + ' · ' + time(v.firstSeenMs) });
    mark.style.left = (100 * (v.firstSeenMs - c.firstSeenMs) / span) + '%';
    bar.append(mark);
  }
  return bar;
}

async function loadUnknowns() {
  const ignored = $('show-ignored').checked;
  const candidates = await api('GET', '/api/unknowns' + (ignored ? '?ignored=true' : ''));
  const list = $('unknowns-list');
  list.replaceChildren();
  $('unknowns-count').textContent = candidates.length + (ignored ? ' ignored' : ' unknown') + ' candidate(s), most visits first';
  for (const c of candidates) {
    const others = candidates.filter((o) => o.candidateId !== c.candidateId);
    const id = el('input', { class: 'name-id', placeholder: 'person id', pattern: '[A-Za-z0-9][A-Za-z0-9._-]*',
      'aria-label': 'person id for ' + c.candidateId });
    const name = el('input', { class: 'name-name', placeholder: 'name', 'aria-label': 'name for ' + c.candidateId });
    const into = el('select', { class: 'merge-into', 'aria-label': 'merge ' + c.candidateId + ' into' },
      ...others.map((o) => el('option', { value: o.candidateId, text: o.candidateId + ' (' + o.visits + ' visit(s))' })));
    const out = el('div', { class: 'candidate-result' });
    const item = el('li', { class: 'candidate', 'data-candidate': c.candidateId, 'data-visits': c.visits },
      el('div', { class: 'who', text: c.candidateId + ' · ' + c.visits + ' visit(s)' }),
      el('div', { class: 'muted', text: 'cameras ' + c.cameras.join(', ') + ' · first seen ' + time(c.firstSeenMs)
        + ' · last seen ' + time(c.lastSeenMs) }),
      el('div', { class: 'crops' }, ...c.shots.map((s) => el('img', { src: shotUrl(c.candidateId, s),
        alt: 'best shot ' + s + ' of ' + c.candidateId }))),
      timeline(c),
      el('div', { class: 'actions' }, id, name, el('button', { class: 'name', text: 'Name' }),
        others.length ? into : null, others.length ? el('button', { class: 'merge', text: 'Merge into' }) : null,
        ignored ? null : el('button', { class: 'ignore danger', text: 'Ignore…' }),
        el('button', { class: 'sightings', text: 'Sightings' })),
      out);
    item.querySelector('.name').addEventListener('click', () => nameCandidate(c, id.value, name.value, out));
    item.querySelector('.sightings').addEventListener('click', () => candidateSightings(c, out));
    if (others.length) item.querySelector('.merge').addEventListener('click', () => mergeCandidate(c, into.value));
    if (!ignored) item.querySelector('.ignore').addEventListener('click', () => ignoreCandidate(c));
    list.append(item);
  }
}

function candidateUrl(c, action) {
  return '/api/unknowns/' + encodeURIComponent(c.candidateId) + '/' + action;
}

async function nameCandidate(c, identityId, displayName, out) {
  out.replaceChildren(el('p', { class: 'muted', text: 'enrolling…' }));
  try {
    const answer = await api('POST', candidateUrl(c, 'name'), new URLSearchParams({ identityId, displayName }));
    if (!answer.enrolled) {
      out.replaceChildren(el('ul', { class: 'outcomes' }, ...answer.photos.map((p) => el('li', {
        class: p.accepted ? 'accepted' : 'rejected', text: p.photo + ': ' + (p.accepted ? 'accepted' : 'rejected: ' + p.problem)
      })), el('li', { class: 'rejected', text: 'not enrolled: no shot passes the enrolment policy' })));
      return;
    }
    say('named ' + c.candidateId + ' as ' + answer.identityId + ': ' + answer.templates + ' template(s), model '
      + answer.modelVersion);
    $('message').className = 'muted';
    await loadUnknowns();
  } catch (e) {
    out.replaceChildren(el('p', { class: 'error', text: e.message }));
  }
}

async function mergeCandidate(c, into) {
  try {
    await api('POST', candidateUrl(c, 'merge'), new URLSearchParams({ into }));
    await loadUnknowns();
  } catch (e) {
    say(e.message);
  }
}

async function ignoreCandidate(c) {
  if (!(await confirmed('Ignore ' + c.candidateId + '? It leaves this list and stays as a negative: when this'
    + ' person is seen again, the visit joins it silently.'))) return;
  try {
    await api('POST', candidateUrl(c, 'ignore'));
    await loadUnknowns();
  } catch (e) {
    say(e.message);
  }
}

async function candidateSightings(c, out) {
  out.replaceChildren(el('p', { class: 'muted', text: 'searching…' }));
  try {
    showSightings(out, await api('POST', candidateUrl(c, 'sightings')));
  } catch (e) {
    out.replaceChildren(el('p', { class: 'error', text: e.message }));
  }
}

// ---- Models -----------------------------------------------------------------------------------

async function loadModels() {
  const m = await api('GET', '/api/models');
  versionsHeld = m.versions.map((v) => v.version);
  const table = el('table', {}, el('tr', {}, ...['version', 'state', 'calibrated threshold', 'evaluation', 'bundle']
    .map((h) => el('th', { text: h }))));
  for (const v of m.versions) {
    const c = v.calibration;
    table.append(el('tr', { 'data-version': v.version },
      el('td', { text: v.version }),
      el('td', { text: v.live ? 'live' : v.previous ? 'previous (rollback target)' : 'held' }),
      el('td', { text: c ? score(c.threshold) + ' at FAR ' + c.falseAcceptRate + ' (TAR ' + score(c.trueAcceptRate)
        + ', ' + c.data + ')' : 'not calibrated' }),
      el('td', { text: Object.entries(v.evaluation).map(([k, x]) => k + ': ' + JSON.stringify(x)).join('; ') || '–' }),
      el('td', { text: v.bundle || 'not announced' })));
  }
  $('models-view').replaceChildren(
    el('p', {}, el('strong', { text: 'Live model: ' + (m.live || 'none') })),
    el('p', { id: 'rollout', text: m.rollout }),
    el('p', { class: 'muted', text: 'This console searches and enrols with ' + m.consoleModel + '.' }),
    table);
  $('rollback').disabled = !m.previous;
  $('rollback').dataset.target = m.previous || '';
}

async function rollback() {
  const target = $('rollback').dataset.target;
  if (!(await confirmed('Switch the live gallery back to model ' + target + ' and announce it to the stream'
    + ' processors?'))) return;
  try {
    await api('POST', '/api/models/rollback');
    await loadModels();
  } catch (e) {
    say(e.message);
  }
}

// ---- Page -------------------------------------------------------------------------------------

const loaders = { gallery: loadPeople, unknowns: loadUnknowns, models: loadModels };

function show(tab) {
  document.querySelectorAll('.page').forEach((p) => p.classList.toggle('hidden', p.id !== tab));
  document.querySelectorAll('.tab').forEach((b) => b.classList.toggle('active', b.dataset.tab === tab));
  say('');
  if (loaders[tab]) loaders[tab]().catch((e) => say(e.message));
}

async function start() {
  const session = await api('GET', '/api/session');
  csrfToken = session.csrfToken;
  $('user').textContent = session.loginRequired ? 'signed in as ' + session.user : 'local console (no sign-in)';
  if (session.loginRequired) {
    $('sign-out').classList.remove('hidden');
    $('sign-out').addEventListener('click', async () => {
      await api('POST', '/api/logout');
      window.location.assign('/login');
    });
  }
  document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => show(b.dataset.tab)));
  $('camera-filter').addEventListener('change', filterAlerts);
  $('identity-filter').addEventListener('input', filterAlerts);
  $('enrol-form').addEventListener('submit', enrol);
  $('identify-form').addEventListener('submit', identify);
  $('sightings-form').addEventListener('submit', sightings);
  $('rollback').addEventListener('click', rollback);
  $('show-ignored').addEventListener('change', () => loadUnknowns().catch((e) => say(e.message)));
  show('live');
  followAlerts();
  refreshStatus();
  setInterval(refreshStatus, 2000);
}

start().catch((e) => say(e.message));
