// Forms 01–06 for printing, after the layout of the Circular 03/2025/TT-VPCP appendix. The forms are
// official documents in Vietnamese whatever the page's language; only the toolbar follows it.
import { $, api, download, errorBox, fmtMoney, h, localParts, page, query, replace, setReady, t, unitDirectory } from './core.js';

const [, , , code, form] = location.pathname.split('/');
const FORM_NAME = { original: 'Bản chính', certified_copy: 'Bản sao chứng thực', photocopy: 'Bản chụp', electronic: 'Bản điện tử' };
const CHANNEL = { direct: 'Trực tiếp', online: 'Trực tuyến', post: 'Qua dịch vụ bưu chính công ích' };

const dots = (v) => v || '……………………';
/** "… giờ … phút, ngày … tháng … năm …" */
function whenText(iso) {
  if (!iso) return '…… giờ …… phút, ngày …… tháng …… năm ……';
  const p = localParts(iso);
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}
function dateLine(place, iso) {
  const p = localParts(iso ?? new Date().toISOString());
  return `${place}, ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}
const upper = (s) => (s ?? '').toLocaleUpperCase('vi-VN');
/** "Phường Phúc Yên" → "Phúc Yên": the place named in the date line. */
const placeOf = (name) => (name ?? '').replace(/^(Phường|Xã|Thị trấn|Đặc khu|Tỉnh|Thành phố|Quận|Huyện)\s+/u, '');

function letterhead(unitName, parentName, numberText) {
  return h(
    'div.letterhead',
    {},
    h('div.lh-left', {}, parentName ? h('div', {}, upper(parentName.startsWith('UBND') ? parentName : `UBND ${parentName}`)) : null, h('div.lh-strong', {}, upper(unitName)), h('div.lh-rule'), numberText ? h('div.lh-number', {}, numberText) : null),
    h('div.lh-right', {}, h('div.lh-strong', {}, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), h('div.lh-motto', {}, 'Độc lập - Tự do - Hạnh phúc'), h('div.lh-rule')),
  );
}

const signatures = (...who) => h('div.signatures', {}, who.map(([role, note]) => h('div.sign', {}, h('div.sign-role', {}, role), h('div.sign-note', {}, note ?? '(Ký và ghi rõ họ tên)'))));

function documentsTable(docs) {
  return h(
    'table.form-table',
    {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'TT'), h('th', { scope: 'col' }, 'Tên loại giấy tờ'), h('th', { scope: 'col' }, 'Hình thức (bản chính, bản sao hoặc bản chụp)'), h('th', { scope: 'col' }, 'Số lượng'))),
    h('tbody', {}, docs.map((d, i) => h('tr', {}, h('td.c', {}, String(i + 1)), h('td', {}, d.name), h('td', {}, FORM_NAME[d.form] ?? d.form), h('td.c', {}, String(d.quantity))))),
  );
}

function form01(f, ctx) {
  return [
    h('p.form-title', {}, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'),
    h('p.form-sub', {}, `Mã hồ sơ: ${f.dossierCode}`),
    h('p', {}, `${ctx.unitName} tiếp nhận hồ sơ của:`),
    h('p.applicant', { 'data-field': 'applicant' }, 'Ông/Bà: ', h('strong', {}, f.applicant.fullName)),
    h('p', {}, `Số định danh cá nhân: ${f.applicant.idNumber}`),
    h('p', {}, `Địa chỉ: ${dots(f.applicant.address)}`),
    h('p', {}, `Số điện thoại: ${dots(f.applicant.phone)}     Email: ${dots(f.applicant.email)}`),
    h('p', {}, `Nội dung yêu cầu giải quyết: ${f.procedure.name} (mã thủ tục ${f.procedure.code})`),
    h('p', {}, '1. Thành phần hồ sơ nộp gồm:'),
    documentsTable(f.documents),
    h('p', {}, `2. Số lượng hồ sơ: 01 (bộ); số thành phần đã số hóa: ${f.components.digitised}/${f.components.total || f.documents.length}`),
    h('p', {}, `3. Hình thức nộp: ${CHANNEL[f.channel] ?? f.channel}`),
    h('p', {}, `4. Thời gian nhận hồ sơ: ${whenText(f.receivedAt)}`),
    h('p', { 'data-field': 'appointment' }, `5. Thời gian trả kết quả giải quyết hồ sơ: ${whenText(f.appointmentAt)}`),
    h('p', {}, `6. Phí, lệ phí: ${f.fees.length ? f.fees.map((x) => `${x.name}: ${fmtMoney(x.amountVnd)}${x.note ? ` (${x.note})` : ''}`).join('; ') : 'Không'}`),
    h('p', {}, `7. Đăng ký nhận kết quả tại: ${ctx.unitName}`),
    h('p', {}, 'Vào Sổ theo dõi hồ sơ, Quyển số: …………, Số thứ tự: …………'),
    h(
      'div.lookup-box',
      {},
      h('p', {}, 'Tra cứu tình trạng hồ sơ: nhập mã hồ sơ và 4 số cuối số định danh tại ', h('span.url', {}, `${location.origin}/ui/lookup`)),
      f.citizenToken ? h('p', { 'data-field': 'citizen-token' }, 'Mã bổ sung, đánh giá trực tuyến: ', h('strong.mono', {}, f.citizenToken)) : null,
    ),
    signatures(['NGƯỜI NỘP HỒ SƠ'], ['NGƯỜI TIẾP NHẬN HỒ SƠ']),
  ];
}

function form02(f, ctx) {
  return [
    h('p.form-title', {}, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'),
    h('p.form-sub', {}, `Mã hồ sơ: ${f.dossierCode}`),
    h('p', {}, `${ctx.issuer} tiếp nhận hồ sơ của: `, h('strong', {}, f.applicant.fullName)),
    h('p', {}, `Nội dung yêu cầu giải quyết: ${f.procedure.name}`),
    h('p', {}, 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:'),
    h('ol.missing', {}, (f.facts.missing ?? []).map((m) => h('li', {}, m))),
    h('p', {}, `Lý do: ${dots(f.facts.reason)}`),
    h('p', {}, `Thời hạn bổ sung, hoàn thiện hồ sơ: ${whenText(f.facts.applicantDeadlineAt)}`),
    h('p', {}, `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ ${ctx.unitName} để được hướng dẫn.`),
    signatures(['NGƯỜI HƯỚNG DẪN']),
  ];
}

function form03(f, ctx) {
  return [
    h('p.form-title', {}, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'),
    h('p', {}, `${ctx.unitName} tiếp nhận hồ sơ đề nghị của: `, h('strong', {}, f.applicant.fullName)),
    h('p', {}, `Nội dung yêu cầu giải quyết: ${f.procedure.name}`),
    h('p', {}, `Qua xem xét, ${ctx.unitName} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`),
    h('p.reason', {}, dots(f.facts.reason)),
    h('p', {}, 'Xin thông báo cho Ông/Bà được biết và thực hiện./.'),
    signatures(['NGƯỜI TIẾP NHẬN HỒ SƠ']),
  ];
}

function form04(f, ctx) {
  return [
    h('p.form-title', {}, 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT'),
    h('p.c', {}, 'Kính gửi: Ông/Bà ', h('strong', {}, f.applicant.fullName)),
    h('p', {}, `Ngày ${localParts(f.receivedAt).day}/${localParts(f.receivedAt).month}/${localParts(f.receivedAt).year}, ${ctx.unitName} tiếp nhận hồ sơ đề nghị ${f.procedure.name} của Ông/Bà; mã hồ sơ: ${f.dossierCode}.`),
    h('p', {}, `Thời gian hẹn trả kết quả giải quyết hồ sơ: ${whenText(f.facts.previousAppointmentAt)}.`),
    h('p', {}, `Tuy nhiên đến nay, ${ctx.issuer} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng hạn. Lý do: ${dots(f.facts.reason)}`),
    h('p', {}, 'Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà và đề nghị gia hạn thời gian giải quyết; thời gian trả kết quả giải quyết hồ sơ mới: ', h('strong', { 'data-field': 'new-appointment' }, whenText(f.facts.newAppointmentAt)), '.'),
    h('p', {}, 'Rất mong nhận được sự thông cảm của Ông/Bà./.'),
    signatures(['THỦ TRƯỞNG CƠ QUAN', '(Ký, ghi rõ họ tên và đóng dấu)']),
  ];
}

function form05(f, ctx) {
  return [
    h('p.form-title', {}, 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ'),
    h('p.c', {}, 'Kính gửi: Ông/Bà ', h('strong', {}, f.applicant.fullName)),
    h('p', {}, `${ctx.issuer} thông báo dừng giải quyết hồ sơ ${f.procedure.name}, mã hồ sơ ${f.dossierCode}, tiếp nhận ngày ${localParts(f.receivedAt).day}/${localParts(f.receivedAt).month}/${localParts(f.receivedAt).year}.`),
    h('p', {}, `Lý do: ${dots(f.facts.reason)}`),
    h('p', {}, 'Xin thông báo để Ông/Bà được biết./.'),
    signatures(['THỦ TRƯỞNG CƠ QUAN', '(Ký, ghi rõ họ tên và đóng dấu)']),
  ];
}

const CLASS = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };

function form06(d, slip, unit) {
  const coop = [...new Set(slip.rows.map((r) => r.toUnitId).filter((u) => u !== d.receivingUnitId))];
  return [
    h('p.form-title', {}, 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'),
    h('p.form-sub', {}, `Mã hồ sơ: ${d.dossierCode}`),
    h('p', {}, '(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)'),
    h('p', {}, `Cơ quan (bộ phận) giải quyết hồ sơ: ${coop.map(unit).join('; ') || '……………………'}`),
    h('p', {}, `Thủ tục: ${d.procedureName ?? d.procedureCode}`),
    h(
      'table.form-table',
      {},
      h('thead', {}, h('tr', {}, ['TÊN CƠ QUAN', 'THỜI GIAN GIAO, NHẬN HỒ SƠ', 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)', 'GHI CHÚ'].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        {},
        slip.rows.map((r, i) =>
          h(
            'tr',
            {},
            h('td', {}, `${i + 1}. Giao: ${unit(r.fromUnitId)}`, h('br'), `Nhận: ${unit(r.toUnitId)}`),
            h('td', {}, whenText(r.handedAt), h('div.sign-cells', {}, h('span', {}, `Người giao${r.fromOfficerId ? `: ${r.fromOfficerId}` : ''}`), h('span', {}, 'Người nhận'))),
            h('td.c', {}, CLASS[r.classification] ?? r.classification),
            h('td', {}, [r.kind === 'return' ? 'Trả lại' : r.kind === 'transfer' ? 'Chuyển đơn vị' : null, r.reason].filter(Boolean).join(': ')),
          ),
        ),
      ),
    ),
  ];
}

page(async (app) => {
  const pdfMode = query.has('pdf');
  if (pdfMode) document.body.classList.add('pdf');
  const dir = await unitDirectory().catch(() => new Map());
  const unit = (id) => dir.get(id)?.name ?? id;
  const parentOf = (id) => {
    const u = dir.get(id);
    return u?.parentId ? dir.get(u.parentId)?.name : undefined;
  };
  let body;
  let head;
  if (form === '06') {
    const [d, slip] = await Promise.all([api(`/dossiers/${code}`), api(`/dossiers/${code}/slip`)]);
    head = letterhead(unit(d.receivingUnitId), parentOf(d.receivingUnitId));
    body = form06(d, slip, unit);
  } else {
    const f = await api(`/dossiers/${code}/forms/${form}`);
    const issuerId = f.facts.unitId ?? f.receivingUnit.id;
    const ctx = { unitName: f.receivingUnit.name, issuer: unit(issuerId) };
    head = letterhead(['04', '05'].includes(form) ? unit(issuerId) : f.receivingUnit.name, parentOf(['04', '05'].includes(form) ? issuerId : f.receivingUnit.id), form === '01' ? `Số: ${f.dossierCode}/TNHS` : null);
    const place = placeOf(parentOf(f.receivingUnit.id) ?? f.receivingUnit.name);
    const builders = { '01': form01, '02': form02, '03': form03, '04': form04, '05': form05 };
    body = [h('p.date-line', {}, dateLine(place, f.facts.issuedAt ?? f.receivedAt)), ...builders[form](f, ctx)];
  }
  const toolbar = pdfMode
    ? null
    : h(
        'div.toolbar.no-print',
        {},
        h('button.primary', { type: 'button', on: { click: () => print() } }, t('form.print')),
        form !== '06' ? h('button.secondary', { type: 'button', on: { click: (ev) => void pdf(ev.currentTarget) } }, t('form.pdf')) : null,
        h('a', { href: `/ui/dossier/${code}` }, t('form.backToDossier')),
      );
  async function pdf(btn) {
    btn.disabled = true;
    try {
      await download(`/dossiers/${code}/forms/${form}/pdf`, `mau-${form}-${code}.pdf`);
    } catch (err) {
      btn.after(errorBox(err));
    } finally {
      btn.disabled = false;
    }
  }
  replace(app, toolbar, h('article.paper', { 'data-form': form, lang: 'vi' }, h('div.form-number', {}, `Mẫu số ${form}`), head, body));
  $('h1')?.classList.add('no-print');
  setReady();
});
