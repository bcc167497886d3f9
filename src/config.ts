import { resolve } from 'node:path';
import { z } from 'zod';
import { isKnownRegion } from './scheduler/date-holidays-calendar';

/**
 * Configuration from the environment (and `.env`, read by the entry point). Bot identity uses
 * the SDK's own variable names, so an Azure Bot resource's settings paste in unchanged.
 */
const schema = z.object({
  NODE_ENV: z.string().default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  DATA_DIR: z.string().default('./.data'),
  STORAGE_CONNECTION_STRING: z.string().optional(),
  TABLE_PREFIX: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'letters and digits, starting with a letter').default('hwb'),
  SEEDS_DIR: z.string().default('./seeds'),
  LOAD_SEEDS: z.enum(['true', 'false']).default('true'),
  BOARD_TIME_ZONE: z.string().default('Europe/London'),
  DUE_AFTER_DAYS: z.coerce.number().int().min(1).max(60).default(14),
  REMINDER_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM, 24-hour').default('09:30'),
  NUDGE_WORKING_DAYS_BEFORE_DUE: z.string().regex(/^(\d{1,2}(,\d{1,2})*)?$/, 'expected numbers separated by commas, like 5,2').default('3'),
  MANAGERS_AFTER_WORKING_DAYS_OVERDUE: z.coerce.number().int().min(1).max(60).default(5),
  DIGEST_DAY: z.enum(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']).default('Monday'),
  DIGEST_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM, 24-hour').default('09:00'),
  BANK_HOLIDAYS: z.string().default('GB-ENG'),
  BOARD_MEETING_DATES: z.string().regex(/^(\d{4}-\d{2}-\d{2}(,\s*\d{4}-\d{2}-\d{2})*)?$/, 'expected dates YYYY-MM-DD separated by commas').default(''),
  PAPERS_DEADLINE_WORKING_DAYS: z.coerce.number().int().min(1).max(40).default(10),
  AMBER_PERIODS_TO_ESCALATE: z.coerce.number().int().min(0).max(12).default(2),
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  PUBLIC_URL: z.string().url().optional(),
  REPORT_LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  REPORT_LINK_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'expected smtp://user:pass@host:587 or smtps://…').optional(),
  MAIL_FROM: z.string().regex(/^[^<>]*<[^<>\s@]+@[^<>\s@]+>$|^[^<>\s@]+@[^<>\s@]+$/, 'expected an address, or a name and <address>').default('HWB Progress Bot <hwb-bot@example.org>'),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  CLOCK_START: z.string().datetime({ offset: true }).optional(),
  INSTANCE_ID: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['', 'pretty', 'json']).default(''),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().default(''),
  /** Entra tenant ids whose activities are accepted, besides MicrosoftAppTenantId (comma-separated). */
  ALLOWED_TENANTS: z.string().regex(/^([0-9a-fA-F-]{8,64}(,\s*[0-9a-fA-F-]{8,64})*)?$/, 'expected tenant ids separated by commas').default(''),
  // The SDK's own settings for other clouds (and for tests that serve their own keys).
  ChannelService: z.string().optional(),
  ToBotFromChannelOpenIdMetadataUrl: z.string().url().optional(),
  ToBotFromChannelTokenIssuer: z.string().optional(),
});

export interface Config {
  production: boolean;
  host: string;
  port: number;
  dataDir: string;
  storageConnectionString?: string;
  tablePrefix: string;
  seedsDir: string;
  loadSeeds: boolean;
  timeZone: string;
  dueAfterDays: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** Readable lines for a person at a terminal (local mode's default), or JSON lines (production's). */
  logFormat: 'pretty' | 'json';
  cycle: {
    reminderTime: string;
    nudgeWorkingDaysBeforeDue: number[];
    managersAfterWorkingDaysOverdue: number;
    digestWeekday: number;
    digestTime: string;
    bankHolidays: string;
    meetingDates: string[];
    papersDeadlineWorkingDays: number;
    amberPeriodsToEscalate: number;
    scheduler: boolean;
    instanceId: string;
    leaseMs: number;
  };
  reports: { publicUrl?: string; secret?: string; minutes: number };
  /** Email for leads outside Teams: an SMTP relay, or (no SMTP_URL) .eml files under DATA_DIR/mail. */
  email: { smtpUrl?: string; from: string };
  /** Testing and demos only: the clock starts at this instant and runs on from there. */
  clockStart?: string;
  /** No app id: authentication is off, so the bot only listens on loopback. */
  localMode: boolean;
  bot: { MicrosoftAppId: string; MicrosoftAppPassword: string; MicrosoftAppType: string; MicrosoftAppTenantId: string; ChannelService?: string; ToBotFromChannelOpenIdMetadataUrl?: string; ToBotFromChannelTokenIssuer?: string };
  /**
   * Tenants whose activities the bot accepts (MicrosoftAppTenantId and ALLOWED_TENANTS); empty
   * means any. Email matching of a sender is used only within these (or in local mode).
   */
  allowedTenants: string[];
  /** Things the operator should know, said loudly at start. */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (as in a copied .env.example) means "not set".
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration is not valid:\n${lines.join('\n')}\nSee .env.example for every variable.`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const localMode = e.MicrosoftAppId.trim() === '';
  const warnings: string[] = [];
  if (localMode && production) {
    throw new ConfigError('NODE_ENV=production needs MicrosoftAppId (and MicrosoftAppPassword or a managed identity): without them anyone could post to /api/messages. Set them from your Azure Bot resource, or unset NODE_ENV to run locally.');
  }
  if (!isValidTimeZone(e.BOARD_TIME_ZONE)) throw new ConfigError(`BOARD_TIME_ZONE "${e.BOARD_TIME_ZONE}" is not a time zone; use an IANA name such as Europe/London.`);
  if (!localMode && e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppTenantId === '') throw new ConfigError('MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId.');
  if (!localMode && e.MicrosoftAppType !== 'UserAssignedMSI' && e.MicrosoftAppPassword === '') throw new ConfigError(`MicrosoftAppType=${e.MicrosoftAppType} needs MicrosoftAppPassword.`);
  for (const [name, time] of [['REMINDER_TIME', e.REMINDER_TIME], ['DIGEST_TIME', e.DIGEST_TIME]] as const) {
    if (time >= '01:00' && time < '02:00') throw new ConfigError(`${name}=${time}: nothing is scheduled between 01:00 and 02:00, where clocks change on DST days. Choose another time.`);
  }
  if (!isKnownRegion(e.BANK_HOLIDAYS)) throw new ConfigError(`BANK_HOLIDAYS "${e.BANK_HOLIDAYS}" is not a region date-holidays knows; use e.g. GB-ENG (England and Wales), GB-SCT, GB-NIR, or none.`);
  if (production && !e.REPORT_LINK_SECRET) warnings.push('REPORT_LINK_SECRET is not set: report links are signed with a key made at start, so they stop working after a restart and differ between instances.');
  if (production && !e.SMTP_URL) warnings.push('SMTP_URL is not set: emails to leads outside Teams are written to DATA_DIR/mail, not sent.');
  if (e.CLOCK_START && production) throw new ConfigError('CLOCK_START is for tests and demos; it is refused with NODE_ENV=production.');
  if (e.CLOCK_START) warnings.push(`CLOCK_START=${e.CLOCK_START}: the bot's clock is shifted (tests and demos only).`);
  const allowedTenants = [...new Set([e.MicrosoftAppTenantId, ...e.ALLOWED_TENANTS.split(',')].map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (!localMode && allowedTenants.length === 0) warnings.push('No MicrosoftAppTenantId or ALLOWED_TENANTS: activities from any tenant are accepted, and senders are matched by Entra object id only (never by email). Set the board\'s tenant.');
  let host = e.HOST;
  if (localMode) {
    warnings.push('LOCAL MODE: no MicrosoftAppId is set, so Bot Framework authentication is OFF. Listening on loopback only; do not expose this port.');
    if (!LOOPBACK.has(host)) {
      warnings.push(`HOST=${host} ignored in local mode: listening on 127.0.0.1.`);
      host = '127.0.0.1';
    }
  }
  return {
    production,
    host,
    port: e.PORT,
    dataDir: resolve(e.DATA_DIR),
    ...(e.STORAGE_CONNECTION_STRING ? { storageConnectionString: e.STORAGE_CONNECTION_STRING } : {}),
    tablePrefix: e.TABLE_PREFIX,
    seedsDir: resolve(e.SEEDS_DIR),
    loadSeeds: e.LOAD_SEEDS === 'true',
    timeZone: e.BOARD_TIME_ZONE,
    dueAfterDays: e.DUE_AFTER_DAYS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT === '' ? (localMode ? 'pretty' : 'json') : e.LOG_FORMAT,
    cycle: {
      reminderTime: e.REMINDER_TIME,
      nudgeWorkingDaysBeforeDue: e.NUDGE_WORKING_DAYS_BEFORE_DUE === '' ? [] : e.NUDGE_WORKING_DAYS_BEFORE_DUE.split(',').map(Number).filter((n) => n > 0),
      managersAfterWorkingDaysOverdue: e.MANAGERS_AFTER_WORKING_DAYS_OVERDUE,
      digestWeekday: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].indexOf(e.DIGEST_DAY),
      digestTime: e.DIGEST_TIME,
      bankHolidays: e.BANK_HOLIDAYS,
      meetingDates: e.BOARD_MEETING_DATES === '' ? [] : e.BOARD_MEETING_DATES.split(',').map((d) => d.trim()),
      papersDeadlineWorkingDays: e.PAPERS_DEADLINE_WORKING_DAYS,
      amberPeriodsToEscalate: e.AMBER_PERIODS_TO_ESCALATE,
      scheduler: e.SCHEDULER === 'on',
      instanceId: e.INSTANCE_ID,
      leaseMs: e.OUTBOX_LEASE_SECONDS * 1000,
    },
    ...(e.CLOCK_START ? { clockStart: e.CLOCK_START } : {}),
    reports: { ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/$/, '') } : {}), ...(e.REPORT_LINK_SECRET ? { secret: e.REPORT_LINK_SECRET } : {}), minutes: e.REPORT_LINK_MINUTES },
    email: { ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}), from: e.MAIL_FROM },
    localMode,
    allowedTenants,
    bot: {
      MicrosoftAppId: e.MicrosoftAppId,
      MicrosoftAppPassword: e.MicrosoftAppPassword,
      MicrosoftAppType: e.MicrosoftAppType,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId,
      ...(e.ChannelService ? { ChannelService: e.ChannelService } : {}),
      ...(e.ToBotFromChannelOpenIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl } : {}),
      ...(e.ToBotFromChannelTokenIssuer ? { ToBotFromChannelTokenIssuer: e.ToBotFromChannelTokenIssuer } : {}),
    },
    warnings,
  };
}
