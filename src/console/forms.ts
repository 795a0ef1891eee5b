// Reading the console's plain HTML forms into the bodies the API takes: the same shapes as
// schemas/requests.schema.json, so the service validates a form as it validates a JSON body.
import type { Caller } from '../service/round-state.js';
import type { PageContext } from './page.js';

export const blank = (v: string | null | undefined): boolean =>
  v === null || v === undefined || v.trim() === '';

/** The step is taken in the viewer's name with the viewer's roles, as the API takes it with a key's. */
export const caller = (ctx: PageContext): Caller => ({ name: ctx.viewer.name, roles: ctx.viewer.roles });

/** The form's optional note: absent when blank (the API stores no empty note). */
export const noteOf = (ctx: PageContext): { note?: string } =>
  blank(ctx.form.note) ? {} : { note: (ctx.form.note as string).trim() };

/**
 * A review's amendments: one per subject whose grade or points field is filled in, with its reason.
 * Points that are not a number go to the service as typed, so its message names the field.
 */
export function amendmentsOf(ctx: PageContext): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const subject of ctx.formAll('subject')) {
    const grade = ctx.form[`grade:${subject}`];
    const points = ctx.form[`points:${subject}`];
    if (blank(grade) && blank(points)) continue;
    const amendment: Record<string, unknown> = {
      subject,
      reason: (ctx.form[`reason:${subject}`] ?? '').trim(),
    };
    if (!blank(grade)) amendment.grade = (grade as string).trim();
    if (!blank(points)) {
      const n = Number((points as string).trim());
      amendment.points = Number.isFinite(n) ? n : (points as string).trim();
    }
    out.push(amendment);
  }
  return out;
}
