import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { AN, NGOC } from '../support/applicants';
import { ApiDriver, DESK, OTHER_DESK, VHXH, WARD, type OpenTask } from '../support/api-driver';
import { ARTIFACTS_DIR, DESKTOP, PHONE, goto, launchChromium, markDocument, openContext, ready, screenshot, seriousViolations, stillSameDocument, type SignedInPage } from '../support/browser';
import { EngineHarness } from '../support/engine-harness';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(180_000);

/**
 * The pages in Debian's Chromium against the whole engine in this process (worker, consumers, API),
 * as a desk, two officers, a supervisor, an analyst and a citizen use them. Every page is checked
 * with axe-core and saved as a screenshot (test-results/screenshots).
 */
describe('the web pages in a real browser', () => {
  let h: EngineHarness;
  let api: ApiDriver;
  let browser: Browser;
  const open: SignedInPage[] = [];
  const tokens: Record<string, string> = {};
  let code = '';

  const context = async (o: Parameters<typeof openContext>[1] = {}) => {
    const c = await openContext(browser, o);
    open.push(c);
    return c;
  };
  /** axe-core finds nothing serious or critical, and the page met no script error. */
  const accessible = async (c: SignedInPage, name: string) => {
    await screenshot(c.page, name);
    expect({ page: name, violations: await seriousViolations(c.page) }).toEqual({ page: name, violations: [] });
    expect({ page: name, errors: c.errors }).toEqual({ page: name, errors: [] });
  };

  beforeAll(async () => {
    [h, browser] = await Promise.all([EngineHarness.start(), launchChromium()]);
    api = new ApiDriver(h);
    tokens.reception = await h.token({ roles: ['reception'], units: [DESK], sub: 'le-tan' });
    tokens.officerA = await h.token({ roles: ['officer'], units: [DESK], sub: 'can-bo-an' });
    tokens.officerB = await h.token({ roles: ['officer'], units: [DESK], sub: 'can-bo-binh' });
    tokens.otherOfficer = await h.token({ roles: ['officer'], units: [OTHER_DESK], sub: 'can-bo-xuan-hoa' });
    tokens.supervisor = await h.token({ roles: ['supervisor'], units: [WARD], sub: 'giam-sat' });
    tokens.analyst = await h.token({ roles: ['analyst'], units: [WARD], sub: 'phan-tich' });
  });
  afterAll(async () => {
    for (const c of open) await c.context.close().catch(() => undefined);
    await browser?.close();
    await h?.close();
  });

  it('signs in with a token and receives a dossier at the desk with the checklist', async () => {
    const c = await context();
    await goto(c.page, `${h.base}/ui/`);
    await accessible(c, 'home-sign-in');
    // the check can fail: an image without a text alternative is a critical violation
    await c.page.evaluate("document.querySelector('main').append(Object.assign(document.createElement('img'), { id: 'no-alt', src: 'data:,' }))");
    expect((await seriousViolations(c.page)).map((v) => v.id)).toContain('image-alt');
    await c.page.evaluate("document.getElementById('no-alt').remove()");
    await c.page.fill('#token', tokens.reception!);
    await c.page.click('form.signin button[type=submit]');
    await c.page.locator('[data-signed-in="le-tan"]').waitFor();
    await c.page.click('a[href="/ui/desk"]');
    await ready(c.page);
    await c.page.selectOption('#procedure', '1.001193');
    await c.page.locator('table.checklist').waitFor();
    await c.page.fill('#fullName', AN.fullName);
    await c.page.fill('#idNumber', AN.idNumber);
    await c.page.fill('#phone', AN.phone);
    await c.page.fill('#address', AN.address);
    await accessible(c, 'desk');
    await c.page.click('form.desk button[type=submit]');
    const receipt = c.page.locator('section.receipt[data-outcome="accepted"]');
    await receipt.waitFor();
    code = (await receipt.getAttribute('data-dossier'))!;
    expect(code).toMatch(/-\d{6}-\d{4}$/);
    await screenshot(c.page, 'desk-receipt');
  });

  it('prints Form 01 with the applicant’s name for reception, as a page and a PDF, and refuses it to an officer of another unit', async () => {
    const desk = await context({ token: tokens.reception });
    await goto(desk.page, `${h.base}/ui/forms/${code}/01`);
    await expect(desk.page.locator('[data-field="applicant"]').textContent()).resolves.toContain(AN.fullName);
    await expect(desk.page.locator('.form-title').textContent()).resolves.toBe('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    await expect(desk.page.locator('[data-field="citizen-token"]').count()).resolves.toBe(1);
    await accessible(desk, 'form-01');

    const pdf = await fetch(`${h.base}/dossiers/${code}/forms/01/pdf`, { headers: { authorization: `Bearer ${tokens.reception}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'form-01.pdf'), bytes);

    const other = await context({ token: tokens.otherOfficer });
    await goto(other.page, `${h.base}/ui/forms/${code}/01`, 'error');
    await expect(other.page.getAttribute('body', 'data-error-code')).resolves.toBe('DOSSIER_NOT_COVERED');
    await expect(other.page.locator('#app').textContent()).resolves.not.toContain(AN.fullName);
    await expect(other.page.locator('[role=alert]').textContent()).resolves.toContain('không thuộc đơn vị của bạn');
    const refusedPdf = await fetch(`${h.base}/dossiers/${code}/forms/01/pdf`, { headers: { authorization: `Bearer ${tokens.otherOfficer}` } });
    expect(refusedPdf.status).toBe(403);
    await accessible(other, 'form-01-refused');
  });

  it('an officer claims and completes a task and sees it leave; a colleague’s open inbox follows live', async () => {
    const a = await context({ token: tokens.officerA });
    const b = await context({ token: tokens.officerB });
    const row = (c: SignedInPage) => c.page.locator(`tr[data-task^="${code}/"]`);
    await Promise.all([goto(a.page, `${h.base}/ui/inbox?unit=${DESK}`), goto(b.page, `${h.base}/ui/inbox?unit=${DESK}`)]);
    await Promise.all([row(a).waitFor(), row(b).waitFor(), a.page.locator('.live[data-live="on"]').waitFor(), b.page.locator('.live[data-live="on"]').waitFor()]);
    await accessible(a, 'inbox');
    await markDocument(b.page);

    await row(a).locator('button[data-action="claim"]').click();
    await row(a).locator('td[data-claimed="can-bo-an"]').waitFor();
    // the colleague's page shows the claim without a reload, and offers no claim any more
    await row(b).locator('td[data-claimed="can-bo-an"]').waitFor();
    await expect(row(b).locator('button[data-action="claim"]').count()).resolves.toBe(0);
    await screenshot(a.page, 'inbox-claimed');

    await row(a).locator('button[data-action="complete"]').click();
    await row(a).waitFor({ state: 'detached' });
    await row(b).waitFor({ state: 'detached' });
    expect(await stillSameDocument(b.page)).toBe(true);
    await screenshot(b.page, 'inbox-after-colleague');

    // the hand-off reached the next unit's inbox
    const vhxh = await context({ token: await h.token({ roles: ['officer'], units: [VHXH], sub: 'can-bo-vhxh' }) });
    await goto(vhxh.page, `${h.base}/ui/inbox?unit=${VHXH}`);
    await vhxh.page.locator(`tr[data-task^="${code}/"]`).waitFor();
  });

  it('shows the dossier: timeline in plain words, the deadline ledger, time per unit, Form 06', async () => {
    const c = await context({ token: tokens.reception });
    await goto(c.page, `${h.base}/ui/dossier/${code}`);
    await expect(c.page.locator('ol.timeline li[data-type="task.completed"]').textContent()).resolves.toMatch(/hoàn thành bước/);
    await expect(c.page.locator('ol.ledger li[data-rule="committed-budget"]').textContent()).resolves.toContain('Thời hạn địa phương cam kết');
    await expect(c.page.locator('svg.ledger-line circle').count()).resolves.toBeGreaterThan(1);
    await expect(c.page.locator(`.bar-row[data-unit="${DESK}"]`).count()).resolves.toBe(1);
    await expect(c.page.locator('table.slip tbody tr').count()).resolves.toBeGreaterThan(0);
    await accessible(c, 'dossier');
    await goto(c.page, `${h.base}/ui/forms/${code}/06`);
    await expect(c.page.locator('.form-title').textContent()).resolves.toBe('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    await accessible(c, 'form-06');
  });

  it('a supervisor’s board shows a breach appear without a reload (DEMO.01, timed in working minutes)', async () => {
    const c = await context({ token: tokens.supervisor });
    await goto(c.page, `${h.base}/ui/board`);
    await c.page.locator('.live[data-live="on"]').waitFor();
    await markDocument(c.page);
    const demo = await api.received(tokens.reception!, { procedureCode: 'DEMO.01', applicant: NGOC });
    // the reception step's allotment is 9 working seconds on the 24×7 demo calendar
    await c.page.locator(`#alerts li[data-alert-kind="breached"][data-dossier="${demo.code}"]`).waitFor({ timeout: 60_000 });
    await c.page.locator(`#board tr[data-dossier="${demo.code}"][data-status="overdue"]`).first().waitFor({ timeout: 20_000 });
    expect(await stillSameDocument(c.page)).toBe(true);
    await c.page.locator('#chart-ontime canvas').waitFor();
    await accessible(c, 'board');
  });

  it('a citizen looks the dossier up on a phone and rates it', async () => {
    const done = await api.received(tokens.reception!, { applicant: AN });
    await finish(done.code);
    const c = await context({ viewport: PHONE });
    await goto(c.page, `${h.base}/ui/lookup#code=${done.code}&token=${done.citizenToken}`);
    await c.page.fill('#last4', AN.idNumber.slice(-4));
    await c.page.click('form.lookup button[type=submit]');
    await c.page.locator('section.answer[data-status-code="10"]').waitFor();
    await expect(c.page.locator('.status-pill').textContent()).resolves.toBe('Đã trả kết quả');
    await expect(c.page.locator('ol.steps li.done').count()).resolves.toBe(4);
    await accessible(c, 'lookup-phone');
    await c.page.check('input[name="score"][value="very_satisfied"]');
    await c.page.click('form.rating button[type=submit]');
    await c.page.locator('[data-rated="true"]').waitFor();
    await screenshot(c.page, 'lookup-rated');
    const rated = await waitUntil(async () => {
      const r = await h.http<{ events: Array<{ type: string; payload: { score?: string } }> }>('GET', `/dossiers/${done.code}/events`, { token: tokens.reception });
      return r.body.events.find((e) => e.type === 'dossier.rated');
    }, 'the rating event');
    expect(rated.payload.score).toBe('very_satisfied');
  });

  it('shows the statistics and Decision 766 indicators, with a CSV download, and the register (Form 07)', async () => {
    const c = await context({ token: tokens.analyst });
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    await goto(c.page, `${h.base}/ui/statistics?from=${today.slice(0, 4)}-01-01&to=${today}&by=unit&period=month`);
    await expect(c.page.locator('table.stats tbody tr').count()).resolves.toBeGreaterThan(0);
    await expect(c.page.locator('tr[data-indicator="2.1"]').count()).resolves.toBe(1);
    const [download] = await Promise.all([c.page.waitForEvent('download'), c.page.click('text=Tải CSV')]);
    expect(download.suggestedFilename()).toMatch(/^thong-ke-.*\.csv$/);
    await accessible(c, 'statistics');
    const desk = await context({ token: tokens.reception });
    await goto(desk.page, `${h.base}/ui/register?unit=${DESK}`);
    await desk.page.locator(`table.register tr[data-dossier="${code}"]`).waitFor();
    await accessible(desk, 'register-form-07');
  });

  it('switches to English and back, and is usable by keyboard', async () => {
    const c = await context({ token: tokens.officerA, viewport: DESKTOP });
    await goto(c.page, `${h.base}/ui/inbox?unit=${DESK}`);
    await c.page.click('#lang-switch');
    await c.page.waitForLoadState('load');
    await ready(c.page);
    await expect(c.page.getAttribute('html', 'lang')).resolves.toBe('en');
    await expect(c.page.locator('h1').textContent()).resolves.toBe('Unit inbox');
    await accessible(c, 'inbox-english');
    // keyboard: the skip link comes first and lands on the main content
    await c.page.keyboard.press('Tab');
    await expect(c.page.evaluate('document.activeElement.className')).resolves.toBe('skip');
    await c.page.keyboard.press('Enter');
    await expect(c.page.evaluate('document.activeElement.id')).resolves.toBe('main');
    await c.page.click('#lang-switch');
    await ready(c.page);
    await expect(c.page.getAttribute('html', 'lang')).resolves.toBe('vi');
  });

  it('sends a submission whose answer was lost again with its first key: one dossier; a new key once answered', async () => {
    const c = await context({ token: tokens.reception });
    await goto(c.page, `${h.base}/ui/desk`);
    await c.page.selectOption('#procedure', '1.001193');
    await c.page.locator('table.checklist').waitFor();
    await c.page.fill('#fullName', NGOC.fullName);
    await c.page.fill('#idNumber', NGOC.idNumber);
    const keys: string[] = [];
    let received: string | undefined;
    await c.page.route(`${h.base}/dossiers`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      // the engine receives the dossier; its answer never reaches the desk
      const answer = await route.fetch();
      received = ((await answer.json()) as { dossierCode: string }).dossierCode;
      await route.abort('connectionreset');
    });
    const receipt = c.page.locator('section.receipt[data-outcome="accepted"]');
    await c.page.click('form.desk button[type=submit]');
    await expect(c.page.locator('#receipt p.error[role=alert]').textContent()).resolves.toContain('gửi lại đúng như cũ là an toàn');
    await c.page.click('form.desk button[type=submit]');
    await receipt.waitFor();
    expect(received).toMatch(/-\d{6}-\d{4}$/);
    expect(await receipt.getAttribute('data-dossier')).toBe(received);
    expect(keys[1]).toBe(keys[0]);
    // answered: the same form sent once more is another dossier, under a key of its own
    await c.page.evaluate("document.querySelector('#receipt').replaceChildren()");
    await c.page.click('form.desk button[type=submit]');
    await receipt.waitFor();
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
    expect(await receipt.getAttribute('data-dossier')).not.toBe(received);
  });

  /**
   * Drives a dossier of 1.001193 to status 10, each step by an officer of the step's unit (its last
   * step, the hand-over, returns the result). The task inbox and the register are read models of two
   * consumer groups: wait for the register's status or the next open task, whichever the step led to.
   */
  async function finish(dossierCode: string): Promise<void> {
    const overseer = await h.token({ roles: ['supervisor'], units: ['pt'], sub: 'dieu-phoi' });
    for (let guard = 0; guard < 10; guard++) {
      const head = await waitUntil(async () => {
        const r = await h.http<{ statusCode: number; openTasks: OpenTask[]; source: string }>('GET', `/dossiers/${dossierCode}`, { token: overseer });
        return r.status === 200 && r.body.source === 'read-model' && (r.body.openTasks.length > 0 || r.body.statusCode === 10) ? r.body : undefined;
      }, `the next task of ${dossierCode}`);
      if (head.statusCode === 10 && head.openTasks.length === 0) return;
      const t = head.openTasks[0]!;
      const officer = await h.token({ roles: ['officer'], units: [t.unitId], sub: `can-bo-${t.stepId}` });
      await api.complete(officer, dossierCode, t.stepId);
      await waitUntil(async () => {
        const r = await h.http<{ openTasks: OpenTask[]; statusCode: number }>('GET', `/dossiers/${dossierCode}`, { token: overseer });
        return r.body.openTasks.every((x) => x.taskId !== t.taskId) ? true : undefined;
      }, `${t.taskId} done`);
    }
    throw new Error(`${dossierCode} did not finish`);
  }
});
