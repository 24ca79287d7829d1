// Shared by every page: words, the signed-in user's token, API calls, a DOM helper, formats, live streams.
// No framework and no build: ES modules served as they are, from this folder.

const dict = JSON.parse(document.getElementById('i18n')?.textContent ?? '{}');
export const lang = document.documentElement.lang || 'vi';
const locale = lang === 'en' ? 'en-GB' : 'vi-VN';
const ZONE = 'Asia/Ho_Chi_Minh';

/** The word for `key` in the page's language, with {name} placeholders filled. */
export function t(key, vars = {}) {
  let s = dict[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

// ---------------------------------------------------------------------------------------------
// Signing in: a bearer token (an OIDC provider's, or `motcua token` in development) kept for the tab

export const TOKEN_KEY = 'motcua.token';
export const token = () => sessionStorage.getItem(TOKEN_KEY);
export const signIn = (tok) => sessionStorage.setItem(TOKEN_KEY, tok.trim());
export function signOut() {
  sessionStorage.clear();
  location.href = '/ui/';
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? 'HTTP_' + status;
    this.problem = problem;
  }
}

// A write whose answer never came (the connection dropped, or a 5xx such as COMMAND_TIMED_OUT while the
// engine is overloaded) may have been carried out all the same. Sent again unchanged, it carries its first
// attempt's Idempotency-Key, so the API answers with the first outcome instead of receiving the dossier or
// recording the payment twice. In memory only: the bodies hold applicants' data.
const unanswered = new Map();
const answered = (status) => status < 500 && status !== 408 && status !== 429;

/** Calls the API with the user's token; answers the parsed JSON (or the Response with `raw`), throws ApiError with the problem details. */
export async function api(path, o = {}) {
  const headers = { accept: 'application/json', ...(o.headers ?? {}) };
  const tok = o.anonymous ? null : token();
  if (tok) headers.authorization = `Bearer ${tok}`;
  let body;
  if (o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  const method = o.method ?? (body ? 'POST' : 'GET');
  const attempt = tok && method !== 'GET' && headers['idempotency-key'] === undefined ? `${method} ${path} ${body ?? ''}` : undefined;
  if (attempt) headers['idempotency-key'] = unanswered.get(attempt) ?? crypto.randomUUID();
  let res;
  try {
    res = await fetch(path, { method, headers, body });
  } catch (err) {
    if (attempt) unanswered.set(attempt, headers['idempotency-key']);
    throw Object.assign(err, { retrySafe: Boolean(attempt) });
  }
  const retrySafe = Boolean(attempt) && !answered(res.status);
  if (retrySafe) unanswered.set(attempt, headers['idempotency-key']);
  else if (attempt) unanswered.delete(attempt);
  if (!res.ok) {
    let problem;
    try {
      problem = await res.json();
    } catch {
      problem = undefined;
    }
    throw Object.assign(new ApiError(res.status, problem), { retrySafe });
  }
  if (o.raw) return res;
  return res.status === 204 ? null : res.json();
}

/** Words for a failure: ours for the codes a person meets, else the API's title and detail. */
export function problemMessage(err) {
  const words = !(err instanceof ApiError)
    ? t('error.network')
    : dict[`error.${err.code}`] ?? ([err.problem?.title, err.problem?.detail].filter(Boolean).join(': ') || err.message);
  return err?.retrySafe ? `${words} ${t('error.retrySafe')}` : words;
}

// ---------------------------------------------------------------------------------------------
// DOM

/** h('tag.class', {attrs, on: {click}}, children…): text is always text, never parsed as HTML. */
export function h(spec, attrs = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'class') el.className = [el.className, v].filter(Boolean).join(' ');
    else if (k === 'text') el.textContent = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);

/** Said by screen readers (a polite live region in the shell). */
export function announce(text) {
  const region = $('#announcer');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => (region.textContent = text), 30);
}

export function errorBox(err) {
  return h('p.error', { role: 'alert', 'data-error-code': err?.code ?? 'UNKNOWN' }, problemMessage(err));
}

/** The page's data is on screen: the state browser tests and the PDF renderer wait for, and a mark the benchmark reads. */
export function setReady(state = 'ready', err) {
  document.body.dataset.state = state;
  if (err) {
    document.body.dataset.errorCode = err.code ?? 'UNKNOWN';
    document.body.dataset.errorDetail = err.message ?? '';
  }
  $('#app')?.removeAttribute('aria-busy');
  if (!performance.getEntriesByName('motcua:data').length) performance.mark('motcua:data');
}

// ---------------------------------------------------------------------------------------------
// Formats (display only: every date and remaining time comes computed from the API)

const dateTimeFmt = new Intl.DateTimeFormat(locale, { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const dateFmt = new Intl.DateTimeFormat(locale, { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const numberFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

export const fmtDateTime = (iso) => (iso ? dateTimeFmt.format(new Date(iso)) : '—');
export const fmtDate = (iso) => (iso ? dateFmt.format(new Date(iso)) : '—');
export const fmtNumber = (n) => (n === null || n === undefined ? '—' : numberFmt.format(n));
export const fmtPercent = (p) => (p === null || p === undefined ? '—' : `${numberFmt.format(p)} %`);
export const fmtMoney = (vnd) => `${new Intl.NumberFormat(locale).format(vnd)} đ`;

/** The parts of a local instant (for the forms' "ngày … tháng … năm …"). */
export function localParts(iso) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { day: parts.day, month: parts.month, year: parts.year, hour: parts.hour, minute: parts.minute };
}

/** Working minutes as hours and minutes of working time (the API counts them on the dossier's calendar). */
export function fmtWorkingMinutes(minutes) {
  const m = Math.round(Math.abs(minutes));
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  if (hours === 0) return t('time.minutes', { m: rest });
  return rest === 0 ? t('time.hours', { h: hours }) : t('time.hoursMinutes', { h: hours, m: rest });
}

/** The badge of a task or board row: remaining working time, or how late, coloured by the API's classifier. */
export function deadlineBadge(status, remainingWorkingMinutes, paused) {
  const late = remainingWorkingMinutes < 0 || status === 'overdue';
  const text = paused ? t('badge.paused') : late ? t('badge.late', { time: fmtWorkingMinutes(remainingWorkingMinutes) }) : t('badge.remaining', { time: fmtWorkingMinutes(remainingWorkingMinutes) });
  const cls = paused ? 'paused' : late ? 'overdue' : status === 'due_soon' ? 'due-soon' : 'within';
  return h(`span.badge.${cls}`, { 'data-deadline': paused ? 'paused' : late ? 'overdue' : status }, text);
}

// ---------------------------------------------------------------------------------------------
// The signed-in user and the catalogue's names

let mePromise;
export function me() {
  mePromise ??= api('/me');
  return mePromise;
}

/** Units a role acts in (officers and reception: exactly theirs; overseers: every unit below theirs). */
export async function unitsFor(...roles) {
  const m = await me();
  return [...new Set(roles.flatMap((r) => m.coveredUnits[r] ?? []))].sort();
}

let unitsPromise;
/** id → unit, from the API (cached for the tab). */
export function unitDirectory() {
  unitsPromise ??= (async () => {
    const cached = sessionStorage.getItem('motcua.units');
    const list = cached ? JSON.parse(cached) : (await api('/admin/units')).units;
    if (!cached) sessionStorage.setItem('motcua.units', JSON.stringify(list.map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.parentId ?? null }))));
    return new Map(list.map((u) => [u.id, u]));
  })();
  return unitsPromise;
}
export async function unitName(id) {
  return (await unitDirectory()).get(id)?.name ?? id;
}

let catalogPromise;
export function catalog() {
  catalogPromise ??= api('/admin/catalog');
  return catalogPromise;
}

// ---------------------------------------------------------------------------------------------
// Live streams: server-sent events read with fetch (EventSource cannot send a bearer token)

/** The "live" badge of a page that follows a stream, and the stream callbacks that keep it true. */
export function liveIndicator() {
  const el = h('span.live', { 'data-live': 'connecting' }, t('live.connecting'));
  const set = (state) => {
    el.dataset.live = state;
    el.textContent = t(`live.${state}`);
  };
  return { el, onOpen: () => set('on'), onDown: () => set('off') };
}

/**
 * Opens `path` as an event stream and calls onEvent(type, data, id) per event; reconnects after a
 * drop with Last-Event-ID (the SLA alerts resume from it), and calls onOpen on every (re)connection.
 */
export function stream(path, { onEvent, onOpen, onDown }) {
  let lastId;
  let stopped = false;
  let controller;
  let wait = 1000;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = { accept: 'text/event-stream', authorization: `Bearer ${token()}` };
        if (lastId !== undefined) headers['last-event-id'] = lastId;
        const res = await fetch(path, { headers, signal: controller.signal });
        if (!res.ok || !res.body) throw new ApiError(res.status, await res.json().catch(() => undefined));
        wait = 1000;
        onOpen?.();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let cut;
          while ((cut = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            let type = 'message';
            let id;
            const data = [];
            for (const line of frame.split('\n')) {
              if (line.startsWith('event:')) type = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
              else if (line.startsWith('id:')) id = line.slice(3).trim();
            }
            if (id !== undefined) lastId = id;
            if (data.length) onEvent(type, JSON.parse(data.join('\n')), id);
          }
        }
      } catch (err) {
        if (stopped) return;
        onDown?.(err);
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) return; // not allowed: retrying will not help
      }
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 15000);
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

/** Fetches with the token and hands the answer to the browser as a download (CSV, PDF). */
export async function download(path, filename) {
  const res = await api(path, { raw: true, headers: { accept: '*/*' } });
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---------------------------------------------------------------------------------------------
// Dialogs: one form per action, keyboard-usable (the native <dialog> traps focus and closes on Esc)

/**
 * Asks for the fields of an action and calls `submit(values)`; a failure is shown in the dialog and
 * leaves it open. fields: {name, label, type: text|textarea|number|datetime-local|select|checkbox, options, required, value, hint}
 */
export function openDialog({ title, fields, submitLabel, submit, note }) {
  const form = h('form.dialog-form', { method: 'dialog' });
  const status = h('div.dialog-status', { 'aria-live': 'assertive' });
  const controls = fields.map((f, i) => {
    const id = `f-${f.name}-${i}`;
    let input;
    if (f.type === 'textarea') input = h('textarea', { id, name: f.name, rows: 3, required: f.required, text: f.value ?? '' });
    else if (f.type === 'select') input = h('select', { id, name: f.name, required: f.required }, f.options.map((o) => h('option', { value: o.value, selected: o.value === f.value }, o.label)));
    else if (f.type === 'checkbox') input = h('input', { id, name: f.name, type: 'checkbox', checked: Boolean(f.value) });
    else input = h('input', { id, name: f.name, type: f.type ?? 'text', required: f.required, value: f.value ?? '', min: f.min, step: f.step });
    const hint = f.hint ? h('small.hint', { id: `${id}-hint` }, f.hint) : null;
    if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
    return f.type === 'checkbox' ? h('div.field.check', {}, input, h('label', { for: id }, f.label), hint) : h('div.field', {}, h('label', { for: id }, f.label, f.required ? h('span.req', { 'aria-hidden': 'true' }, ' *') : null), input, hint);
  });
  const dialog = h('dialog.action', { 'aria-labelledby': 'dialog-title' });
  const cancel = h('button.secondary', { type: 'button', on: { click: () => dialog.close() } }, t('action.cancel'));
  const ok = h('button.primary', { type: 'submit' }, submitLabel);
  append(form, [h('h2', { id: 'dialog-title' }, title), note ? h('p.note', {}, note) : null, controls, status, h('div.buttons', {}, ok, cancel)]);
  dialog.append(form);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const values = {};
    for (const f of fields) {
      const el = form.elements.namedItem(f.name);
      values[f.name] = f.type === 'checkbox' ? el.checked : f.type === 'number' ? Number(el.value) : el.value.trim();
    }
    ok.disabled = true;
    try {
      await submit(values);
      dialog.close();
    } catch (err) {
      replace(status, errorBox(err));
    } finally {
      ok.disabled = false;
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** A datetime-local value (local time of the office) as an instant with +07:00. */
export const localInputToIso = (v) => (v ? `${v.length === 16 ? `${v}:00` : v}+07:00` : undefined);

// ---------------------------------------------------------------------------------------------
// The shell's header: who is signed in, language, sign-out

export function initChrome() {
  $('#lang-switch')?.addEventListener('click', () => {
    document.cookie = `motcua_lang=${lang === 'vi' ? 'en' : 'vi'}; path=/; max-age=31536000; samesite=lax`;
    location.reload();
  });
  $('#sign-out')?.addEventListener('click', signOut);
  const who = $('#who');
  if (!who) return;
  if (!token()) {
    replace(who, h('a', { href: '/ui/' }, t('nav.signIn')));
    return;
  }
  me().then(
    (m) => replace(who, `${m.name ?? m.subject} · ${m.roles.map((r) => t(`role.${r}`)).join(', ')}`),
    () => replace(who, h('a', { href: '/ui/' }, t('nav.signIn'))),
  );
}

/** Runs a page: the header, then its body; a failure before the data shows is a page error. */
export function page(main) {
  initChrome();
  const app = $('#app');
  Promise.resolve()
    .then(() => main(app))
    .catch((err) => {
      replace(app, errorBox(err));
      setReady('error', err);
    });
}

export const query = new URLSearchParams(location.search);
