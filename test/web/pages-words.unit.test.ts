import fs from 'node:fs';
import path from 'node:path';
import { DOSSIER_EVENT_SCHEMAS } from '../../contracts/events';
import { MESSAGES, dictionary } from '../../web/i18n/messages';
import { PAGES, renderShell } from '../../web/server/shell';
import { STATIC_DIR } from '../../web/server/assets';

const EVENT_TYPES = new Set<string>(DOSSIER_EVENT_SCHEMAS.map((s) => s.shape.type.value));
const scripts = fs.readdirSync(STATIC_DIR).filter((f) => f.endsWith('.js')).map((f) => [f, fs.readFileSync(path.join(STATIC_DIR, f), 'utf8')] as const);

describe('the pages’ words', () => {
  it('has every key the scripts ask for by name, in both languages', () => {
    const missing: string[] = [];
    for (const [file, src] of scripts) {
      // t('a.b'), and keys handed over as strings: 'inbox.done.claimed', ['col.x', …]
      for (const m of src.matchAll(/(?<!h\(\s*)['`]((?:nav|page|role|time|badge|live|action|channel|class|method|payment|paymentSource|score|complaint|outcome|docForm|policy|col|field|form|error|signin|home|desk|inbox|dossier|slip|slipKind|consumption|ledger|rule|kind|tl|board|alert|chart|stats|ind|register|citizen)\.[A-Za-z0-9_.,-]+)['`]/g)) {
        const key = m[1]!;
        if (EVENT_TYPES.has(key)) continue;
        if (!(key in MESSAGES)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
    const vi = dictionary('vi');
    const en = dictionary('en');
    expect(Object.keys(en)).toEqual(Object.keys(vi));
    expect(Object.entries(vi).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('names every family member the scripts build keys for (statuses, rules, event types, views)', () => {
    const need = [
      ...Array.from({ length: 10 }, (_, i) => `citizen.explain.${i + 1}`),
      ...['all', 'mine', 'unassigned', 'due_soon', 'overdue'].flatMap((v) => [`inbox.view.${v}`, `inbox.empty.${v}`]),
      ...['early', 'on_time', 'late'].map((c) => `class.${c}`),
      ...['warning', 'breached', 'escalated', 'form04_drafted'].flatMap((k) => [`alert.${k}`, `tl.sla.${k}`]),
      ...['holiday', 'makeup_working_day', 'compensatory_day_off', 'swapped_day_off', 'weekly_rest_day', 'reception_after_cutoff', 'supplement-pause', 'form-04-extension'].map((r) => `rule.${r}`),
      ...['01', '02', '03', '04', '05', '06'].map((f) => `form.short.${f}`),
      ...['reception', 'officer', 'unit_head', 'supervisor', 'analyst', 'admin', 'backfill'].map((r) => `role.${r}`),
      ...['connecting', 'on', 'off'].map((s) => `live.${s}`),
    ];
    expect(need.filter((k) => !(k in MESSAGES))).toEqual([]);
  });

  it('renders a shell in either language with no data, its words escaped', () => {
    const vi = renderShell(PAGES.inbox, 'vi', { css: 'body{}', subtitle: '<script>x</script>' });
    expect(vi).toContain('<html lang="vi">');
    expect(vi).toContain('Hộp việc của đơn vị');
    expect(vi).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(vi).not.toContain('<script>x</script>');
    expect(renderShell(PAGES.inbox, 'en', { css: '' })).toContain('Unit inbox');
    // the citizen's page carries no staff navigation
    expect(renderShell(PAGES.lookup, 'vi', { css: '' })).not.toContain('href="/ui/inbox"');
  });
});
