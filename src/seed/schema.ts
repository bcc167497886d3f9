import { z } from 'zod';
import { FREQUENCIES, PERIOD_PATTERN } from '../domain/period';
import { CLOCK_CHANGE_REFUSAL, isInClockChangeHour, LOCAL_TIME_EXPECTED, LOCAL_TIME_PATTERN, WEEKDAY_NAMES } from '../domain/zoned-time';

/**
 * The seed format: one JSON file per strategy in `seeds/`, plus `seeds/people.json` for who leads
 * what (a real deployment replaces only that file). Strict: an unknown key is an error, so a
 * typo never silently drops data.
 */
const key = z.string().regex(/^[A-Za-z0-9.-]+$/, 'expected letters, digits, "." or "-"');
const text = (max = 30_000) => z.string().trim().min(1, 'must not be empty').max(max);
const frequency = z.enum(FREQUENCIES);
const period = z.string().regex(PERIOD_PATTERN, 'expected a period like 2024, 2024-H1, 2024-Q3 or 2024-07');
const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'expected YYYY-MM-DD or YYYY-MM');
const reading = z.strictObject({ period: text(40), value: z.number().finite(), note: text(2000).optional() });

export const indicatorSchema = z.strictObject({
  key,
  name: text(500),
  priority: key.optional(),
  project: key.optional(),
  theme: key.optional(),
  unit: text(40),
  polarity: z.enum(['high-is-good', 'low-is-good']),
  baseline: reading,
  originalBaseline: reading.optional(),
  readings: z.array(reading),
  target: z.strictObject({ value: z.number().finite(), by: text(40).optional(), source: text(200).optional() }).optional(),
  flags: z.strictObject({ definitionChanged: text(2000).optional(), dataQuality: text(2000).optional(), revisedBaseline: text(2000).optional() }).optional(),
  notes: text(4000).optional(),
  /** Bounds for readings typed at check-in, where the unit's defaults (0–100 %, else 0 or more) do not fit. */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
}).refine((k) => k.min === undefined || k.max === undefined || k.min <= k.max, { path: ['max'], message: 'max must not be below min' });

export const prioritySchema = z.strictObject({
  key,
  number: text(20),
  title: text(1000),
  theme: key,
  kind: z.enum(['priority', 'workstream']).optional(),
  status: z.enum(['active', 'proposed', 'closed']).optional(),
  objective: text(4000).optional(),
  rationale: z.array(text(2000)).optional(),
  governance: text(500).optional(),
  contacts: z.array(z.strictObject({ name: text(200), role: text(300).optional() })).optional(),
  frequency: frequency.optional(),
  actions: z.array(text(8000)).optional(),
  outcomes: z.array(z.strictObject({ text: text(2000), phofRef: z.string().regex(/^\d+(\.\d+)*[a-z]?$/, 'expected a PHOF reference like 2.06').optional() })).optional(),
  milestones: z.array(z.strictObject({ text: text(2000), due: date.optional() })).optional(),
  projects: z.array(z.strictObject({ key, title: text(300), description: text(8000).optional(), leadOfficer: text(300).optional() })).optional(),
});

export const checkInSeedSchema = z.strictObject({
  priority: key,
  period,
  rag: z.enum(['red', 'amber', 'green']).optional(),
  update: text(),
  nextSteps: text().optional(),
  risks: text().optional(),
  escalation: text(4000).optional(),
  submittedBy: text(200),
  submittedAt: date,
  source: text(200),
});

const counts = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, z.number().int().min(0)])) as Record<K, z.ZodNumber>);

export const strategySeedSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and "-"'),
    title: text(500),
    board: text(300),
    area: text(100),
    years: z.strictObject({ from: z.number().int().min(2000).max(2100), to: z.number().int().min(2000).max(2100) }),
    sources: z.array(text(200)).min(1),
    reportingFrequency: frequency,
    plusGroups: z.array(z.strictObject({ key, name: text(200), status: z.enum(['agreed', 'proposed']) })).optional(),
    themes: z.array(z.strictObject({ key, title: text(500), description: text(4000).optional() })).min(1),
    priorities: z.array(prioritySchema).min(1),
    indicators: z.array(indicatorSchema),
    checkIns: z.array(checkInSeedSchema),
    summaryAsPrinted: z
      .strictObject({
        period,
        source: text(2000),
        rag: counts(['red', 'amber', 'green', 'notReported'] as const).optional(),
        directionOfTravel: counts(['improved', 'same', 'worsened', 'notComparable'] as const).optional(),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const themes = new Set(s.themes.map((t) => t.key));
    duplicates(s.themes.map((t) => t.key)).forEach((i) => issue(['themes', i, 'key'], `duplicate theme key "${s.themes[i]!.key}"`));
    duplicates(s.priorities.map((p) => p.key)).forEach((i) => issue(['priorities', i, 'key'], `duplicate priority key "${s.priorities[i]!.key}"`));
    duplicates(s.indicators.map((k) => k.key)).forEach((i) => issue(['indicators', i, 'key'], `duplicate indicator key "${s.indicators[i]!.key}"`));
    const priorities = new Map(s.priorities.map((p) => [p.key, p]));
    s.priorities.forEach((p, i) => {
      if (!themes.has(p.theme)) issue(['priorities', i, 'theme'], `unknown theme "${p.theme}"`);
      duplicates((p.projects ?? []).map((x) => x.key)).forEach((j) => issue(['priorities', i, 'projects', j, 'key'], 'duplicate project key'));
    });
    s.indicators.forEach((k, i) => {
      if (k.theme !== undefined && !themes.has(k.theme)) issue(['indicators', i, 'theme'], `unknown theme "${k.theme}"`);
      if (k.priority !== undefined) {
        const p = priorities.get(k.priority);
        if (!p) issue(['indicators', i, 'priority'], `unknown priority "${k.priority}"`);
        else if (k.project !== undefined && !(p.projects ?? []).some((x) => x.key === k.project)) issue(['indicators', i, 'project'], `unknown project "${k.project}" in priority "${k.priority}"`);
      } else if (k.project !== undefined) issue(['indicators', i, 'project'], 'a project needs its priority');
    });
    const seen = new Set<string>();
    s.checkIns.forEach((c, i) => {
      if (!priorities.has(c.priority)) issue(['checkIns', i, 'priority'], `unknown priority "${c.priority}"`);
      const id = `${c.priority}@${c.period}`;
      if (seen.has(id)) issue(['checkIns', i], `a second check-in for priority "${c.priority}" in ${c.period}`);
      seen.add(id);
    });
    if (s.years.to < s.years.from) issue(['years', 'to'], 'ends before it starts');
  });

export const peopleSeedSchema = z
  .strictObject({
    /** The boards of this install; a strategy names its board by `name`. */
    boards: z
      .array(
        z.strictObject({
          key: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and "-"'),
          name: text(300),
          digestDay: z.enum(WEEKDAY_NAMES).optional(),
          digestTime: z.string().regex(LOCAL_TIME_PATTERN, LOCAL_TIME_EXPECTED).refine((t) => !isInClockChangeHour(t), CLOCK_CHANGE_REFUSAL).optional(),
        }),
      )
      .optional(),
    people: z.array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and "-"'),
        name: text(200),
        email: z.string().email().optional(),
        aadObjectId: z.string().regex(/^[0-9a-fA-F-]{8,64}$/, 'expected an Entra object id').optional(),
        /** An NHS trust, the ICB, a charity: leads outside the council say whom they work for. */
        organisation: text(200).optional(),
        boardManager: z.boolean().optional(),
        /** Board keys this person manages (implies boardManager). */
        manages: z.array(z.string()).optional(),
        /** Retired from every board on this date (kept for history; no roles, no reminders). */
        retired: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date, YYYY-MM-DD').optional(),
      }),
    ),
    /** Who answers for a priority, or (with `project`) for one of a workstream's projects. */
    assignments: z.array(z.strictObject({ strategy: z.string().min(1), priority: key, project: key.optional(), leads: z.array(z.string()), deputies: z.array(z.string()) })),
  })
  .superRefine((s, ctx) => {
    const ids = new Set(s.people.map((p) => p.id));
    const boards = s.boards ? new Set(s.boards.map((b) => b.key)) : undefined;
    duplicates((s.boards ?? []).map((b) => b.key)).forEach((i) => ctx.addIssue({ code: 'custom', path: ['boards', i, 'key'], message: `duplicate board key "${s.boards![i]!.key}"` }));
    s.people.forEach((p, i) =>
      (p.manages ?? []).forEach((b, j) => {
        if (!boards) ctx.addIssue({ code: 'custom', path: ['people', i, 'manages', j], message: 'name the boards in "boards" first' });
        else if (!boards.has(b)) ctx.addIssue({ code: 'custom', path: ['people', i, 'manages', j], message: `unknown board "${b}"` });
      }),
    );
    duplicates(s.people.map((p) => p.id)).forEach((i) => ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `duplicate person id "${s.people[i]!.id}"` }));
    s.assignments.forEach((a, i) => {
      for (const field of ['leads', 'deputies'] as const) {
        a[field].forEach((id, j) => {
          if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['assignments', i, field, j], message: `unknown person "${id}"` });
        });
      }
    });
  });

export type StrategySeed = z.infer<typeof strategySeedSchema>;
export type PeopleSeed = z.infer<typeof peopleSeedSchema>;

function duplicates(keys: string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  keys.forEach((k, i) => {
    if (seen.has(k)) out.push(i);
    seen.add(k);
  });
  return out;
}

/** `priorities[4].kpis[1].polarity` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out === '' ? '(top level)' : out;
}
