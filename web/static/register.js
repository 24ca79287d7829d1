// Form 07, the dossier register (Sổ theo dõi hồ sơ), for a unit and a period, printable. The register
// read model keeps no personal data, so the applicant columns stay blank for the desk to fill by hand.
import { api, download, errorBox, fmtDate, h, localParts, page, problemMessage, query, replace, setReady, t, unitDirectory, unitsFor } from './core.js';

page(async (app) => {
  const [units, dir, cat] = await Promise.all([unitsFor('reception', 'unit_head', 'supervisor', 'analyst', 'admin'), unitDirectory(), api('/admin/catalog').catch(() => ({ procedures: [] }))]);
  if (units.length === 0) throw Object.assign(new Error(t('register.noUnit')), { code: 'ROLE_NOT_ALLOWED' });
  const unit = (id) => dir.get(id)?.name ?? id;
  const procName = new Map(cat.procedures.map((p) => [p.code, p.name]));
  const now = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const unitSel = h('select', { id: 'reg-unit' }, units.map((u) => h('option', { value: u, selected: u === query.get('unit') }, unit(u))));
  const from = h('input', { id: 'reg-from', type: 'date', value: query.get('from') ?? `${now.slice(0, 8)}01` });
  const to = h('input', { id: 'reg-to', type: 'date', value: query.get('to') ?? now });
  const out = h('div', { id: 'register' });
  const params = () => new URLSearchParams({ unitId: unitSel.value, from: from.value, to: to.value });
  const form = h(
    'form.filters.no-print',
    { on: { submit: (e) => { e.preventDefault(); void load(); } } },
    h('div.field', {}, h('label', { for: 'reg-unit' }, t('register.unit')), unitSel),
    h('div.field', {}, h('label', { for: 'reg-from' }, t('stats.from')), from),
    h('div.field', {}, h('label', { for: 'reg-to' }, t('stats.to')), to),
    h(
      'div.buttons',
      {},
      h('button.primary', { type: 'submit' }, t('stats.show')),
      h('button.secondary', { type: 'button', on: { click: () => print() } }, t('form.print')),
      h('button.secondary', { type: 'button', on: { click: (e) => download(`/register?${params()}&format=csv`, `so-theo-doi-ho-so-${from.value}-${to.value}.csv`).catch((err) => e.currentTarget.after(h('span.row-error', {}, problemMessage(err)))) } }, t('stats.csv')),
    ),
  );
  replace(app, form, out);

  async function load() {
    try {
      const rows = [];
      let cursor;
      do {
        const r = await api(`/register?${params()}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        rows.push(...r.rows);
        cursor = r.nextCursor;
      } while (cursor && rows.length < 1000);
      replace(out, sheet(rows, unit(unitSel.value), procName, unit, { from: from.value, to: to.value }, Boolean(cursor)));
    } catch (err) {
      replace(out, errorBox(err));
    }
    setReady();
  }
  await load();
});

function sheet(rows, unitName, procName, unit, period, truncated) {
  const p = localParts(new Date().toISOString());
  return h(
    'article.paper.landscape',
    { 'data-form': '07', lang: 'vi' },
    h('div.form-number', {}, 'Mẫu số 07'),
    h('p.form-title', {}, 'SỔ THEO DÕI HỒ SƠ'),
    h('p.form-sub', {}, `${unitName} — từ ngày ${fmtDate(`${period.from}T00:00:00+07:00`)} đến ngày ${fmtDate(`${period.to}T00:00:00+07:00`)}`),
    h(
      'table.form-table.register',
      {},
      h(
        'thead',
        {},
        h('tr', {}, ['TT', 'Mã hồ sơ', 'Tên TTHC', 'Số lượng hồ sơ (bộ)', 'Tên cá nhân, tổ chức', 'Địa chỉ, số điện thoại', 'Cơ quan chủ trì giải quyết', 'Nhận hồ sơ', 'Hẹn trả kết quả', 'Có kết quả giải quyết', 'Trả kết quả', 'Ký nhận', 'Ghi chú'].map((x) => h('th', { scope: 'col' }, x))),
      ),
      h(
        'tbody',
        {},
        rows.map((r, i) =>
          h(
            'tr',
            { 'data-dossier': r.dossierCode },
            h('td.c', {}, String(i + 1)),
            h('td.mono', {}, r.dossierCode),
            h('td', {}, procName.get(r.procedureCode) ?? r.procedureCode),
            h('td.c', {}, '01'),
            h('td', {}, ''),
            h('td', {}, ''),
            h('td', {}, unit(r.receivingUnitId)),
            h('td', {}, fmtDate(r.receivedAt)),
            h('td', {}, fmtDate(r.appointmentAt)),
            h('td', {}, fmtDate(r.finishedAt)),
            h('td', {}, fmtDate(r.returnedAt)),
            h('td', {}, ''),
            h('td', {}, [r.classification ? { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' }[r.classification] : null, r.extensionCount ? `Gia hạn ${r.extensionCount} lần` : null, r.supplementCount ? `Bổ sung ${r.supplementCount} lần` : null, r.closedReason].filter(Boolean).join('; ')),
          ),
        ),
      ),
    ),
    truncated ? h('p.small.no-print', {}, t('register.truncated')) : null,
    h('p.date-line', {}, `Ngày ${p.day} tháng ${p.month} năm ${p.year}`),
  );
}
