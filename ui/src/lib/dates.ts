// Dates as Dutch users type and read them (dd-mm-jjjj), independent of the system locale.

/** '' for empty; the ISO date (jjjj-mm-dd) for a valid date; null when it cannot be read.
 *  Reads 12-11-2020, 12/11/2020, 12.11.2020, 1-2-2021 and ISO 2020-11-12. */
export function isoFromDutch(text: string): string | null {
  const t = text.trim();
  if (t === '') return '';
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(t);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 2020-11-12 → 12-11-2020; '' stays ''. */
export function dutchFromIso(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : '';
}
