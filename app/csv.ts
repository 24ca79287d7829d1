/** RFC 4180 text: every field quoted when it holds a quote, comma or line break; CRLF line ends; a BOM so spreadsheet programs read UTF-8 (Vietnamese). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  const field = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\ufeff${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
