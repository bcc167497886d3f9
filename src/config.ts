import { resolve } from 'node:path';
import { z } from 'zod';
import { isKnownRegion } from './scheduler/date-holidays-calendar';
import { CLOCK_CHANGE_REFUSAL, isInClockChangeHour, LOCAL_TIME_EXPECTED, LOCAL_TIME_PATTERN, WEEKDAY_NAMES } from './domain/zoned-time';

/**
 * Configuration from the environment (and `.env`, read by the entry point). Bot identity uses
 * the SDK's own variable names, so an Azure Bot resource's settings paste in unchanged.
 */
const localTime = z.string().regex(LOCAL_TIME_PATTERN, LOCAL_TIME_EXPECTED);

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  DATA_DIR: z.string().default('./.data'),
  STORAGE_CONNECTION_STRING: z.string().optional(),
  /** An account's Table endpoint, reached with a managed identity (Entra token) instead of a key. */
  STORAGE_ACCOUNT_URL: z.string().regex(/^https:\/\/[a-z0-9]{3,24}\.table\.[a-z0-9.-]+\/?$/, 'expected https://<account>.table.core.windows.net').optional(),
  /** The managed identity's client id, when it is not the bot's (MicrosoftAppId). */
  AZURE_CLIENT_ID: z.string().optional(),
  TABLE_PREFIX: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'letters and digits, starting with a letter').default('hwb'),
  SEEDS_DIR: z.string().default('./seeds'),
  LOAD_SEEDS: z.enum(['true', 'false']).default('true'),
  BOARD_TIME_ZONE: z.string().default('Europe/London'),
  DUE_AFTER_DAYS: z.coerce.number().int().min(1).max(60).default(14),
  REMINDER_TIME: localTime.default('09:30'),
  NUDGE_WORKING_DAYS_BEFORE_DUE: z.string().regex(/^(\d{1,2}(,\d{1,2})*)?$/, 'expected numbers separated by commas, like 5,2').default('3'),
  MANAGERS_AFTER_WORKING_DAYS_OVERDUE: z.coerce.number().int().min(1).max(60).default(5),
  DIGEST_DAY: z.enum(WEEKDAY_NAMES).default('Monday'),
  DIGEST_TIME: localTime.default('09:00'),
  BANK_HOLIDAYS: z.string().default('GB-ENG'),
  BOARD_MEETING_DATES: z.string().regex(/^(\d{4}-\d{2}-\d{2}(,\s*\d{4}-\d{2}-\d{2})*)?$/, 'expected dates YYYY-MM-DD separated by commas').default(''),
  PAPERS_DEADLINE_WORKING_DAYS: z.coerce.number().int().min(1).max(40).default(10),
  AMBER_PERIODS_TO_ESCALATE: z.coerce.number().int().min(0).max(12).default(2),
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  PUBLIC_URL: z.string().url().optional(),
  REPORT_LINK_SECRET: z.string().min(32, 'shorter than 32 characters: set it to 32 or more random characters, the same on every instance (e.g. openssl rand -hex 32).').optional(),
  REPORT_LINK_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  BOARD_LINK_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'expected smtp://user:pass@host:587 or smtps://…').optional(),
  /** off: the board accepts that people with only an email address are not reached (no SMTP needed). */
  EMAIL: z.enum(['on', 'off']).default('on'),
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
  /** true: install the app through Microsoft Graph for leads in no chat and no board team (README, "How leads are reached"). */
  GRAPH_ENABLED: z.enum(['true', 'false']).default('false'),
  /** Graph's address; tests point it at a stand-in. */
  GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
  /** The Teams app id in the manifest (its external id in the org catalogue), as `npm run package` uses it. */
  /** on: the Teams tabs sign in with tab single sign-on (README, "The Teams tabs"). */
  TAB_SSO: z.enum(['on', 'off']).default('off'),
  /** The Entra app registration that exposes api://<PUBLIC_URL host>/<id> (default: MicrosoftAppId). */
  TAB_SSO_APP_ID: z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'expected the app registration\'s application (client) id, a GUID').optional(),
  /** Where Entra's signing keys are found; tests point it at a stand-in. */
  ENTRA_OPENID_METADATA_URL: z.string().url().default('https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration'),
  TEAMS_APP_ID: z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'expected the Teams app id (a GUID) from manifest/manifest.json').optional(),
});

/**
 * What production refuses, each as one line naming the setting and what to set: a bot that
 * starts with these missing runs "fine" and fails people later (links to 0.0.0.0, emailed links
 * dead after a restart, data on the App Service disk, anyone posting to /api/messages).
 */
const checked = schema.superRefine((e, ctx) => {
  const refuse = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (e.STORAGE_CONNECTION_STRING && e.STORAGE_ACCOUNT_URL) refuse('STORAGE_ACCOUNT_URL', 'and STORAGE_CONNECTION_STRING are both set: keep one (STORAGE_ACCOUNT_URL with a managed identity, or the connection string).');
  // App Service leaves a Key Vault reference it cannot resolve as its literal text, which would
  // otherwise pass as a 32+ character REPORT_LINK_SECRET.
  for (const [name, value] of Object.entries(e)) {
    if (typeof value === 'string' && value.startsWith('@Microsoft.KeyVault(')) refuse(name, "is a Key Vault reference App Service did not resolve: give the Web App's managed identity the Key Vault Secrets User role and set it as keyVaultReferenceIdentity (the template does both); the portal's Environment variables page says why.");
  }
  if (e.NODE_ENV !== 'production') return;
  if (e.MicrosoftAppId.trim() === '') refuse('MicrosoftAppId', "not set: NODE_ENV=production needs MicrosoftAppId, or anyone could post to /api/messages. Set it to the Azure Bot's app id (with MicrosoftAppType=UserAssignedMSI, the managed identity's client id), or unset NODE_ENV to run locally.");
  if (!e.PUBLIC_URL) refuse('PUBLIC_URL', "not set: report and emailed check-in links would point at the bot's own address. Set PUBLIC_URL=https://<your-app>.azurewebsites.net (the Web App's address).");
  else if (!e.PUBLIC_URL.startsWith('https://')) refuse('PUBLIC_URL', `${e.PUBLIC_URL} is not https://: links carry personal tokens. Set PUBLIC_URL=https://<your-app>.azurewebsites.net (the Web App's address).`);
  if (!e.REPORT_LINK_SECRET) refuse('REPORT_LINK_SECRET', 'not set: emailed check-in links would stop working at every restart. Set it to 32 or more random characters, the same on every instance (e.g. openssl rand -hex 32; the ARM template generates one in Key Vault).');
  if (!e.STORAGE_CONNECTION_STRING && !e.STORAGE_ACCOUNT_URL) refuse('STORAGE_ACCOUNT_URL', 'no storage is set: production does not keep data on the App Service disk. Set STORAGE_ACCOUNT_URL=https://<account>.table.core.windows.net (managed identity) or STORAGE_CONNECTION_STRING.');
});

export interface Config {
  production: boolean;
  host: string;
  port: number;
  dataDir: string;
  storageConnectionString?: string;
  /** https://<account>.table.core.windows.net, reached with an Entra token (managed identity). */
  storageAccountUrl?: string;
  /** Client id of the user-assigned managed identity that reads storage (else DefaultAzureCredential). */
  managedIdentityClientId?: string;
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
  reports: { publicUrl?: string; secret?: string; minutes: number; boardMinutes: number };
  /**
   * Email for leads outside Teams: an SMTP relay, or (no SMTP_URL) .eml files under DATA_DIR/mail;
   * `off` (EMAIL=off): nobody is emailed, and people with only an email address are not reached.
   */
  email: { smtpUrl?: string; from: string; off?: true };
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
  /** GRAPH_ENABLED=true: where Graph is and which app to install for leads in no chat. */
  graph?: { baseUrl: string; teamsAppId: string };
  /**
   * TAB_SSO=on: the Teams tab's Entra token is accepted for this app's API
   * (`api://<domain>/<app id>`, or the app id), from these tenants only.
   */
  tabSso?: { appId: string; domain: string; audiences: string[]; metadataUrl: string; allowedTenants: string[] };
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
  const parsed = checked.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== '')));
  if (!parsed.success) {
    // One line per setting, naming it and what to set; several are listed under one heading.
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(lines.length === 1 ? lines[0]! : `${lines.length} settings need changing (see .env.example):\n${lines.map((l) => `  ${l}`).join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const localMode = e.MicrosoftAppId.trim() === '';
  const warnings: string[] = [];
  if (!isValidTimeZone(e.BOARD_TIME_ZONE)) throw new ConfigError(`BOARD_TIME_ZONE "${e.BOARD_TIME_ZONE}" is not a time zone; use an IANA name such as Europe/London.`);
  if (!localMode && e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppTenantId === '') throw new ConfigError('MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId.');
  if (!localMode && e.MicrosoftAppType !== 'UserAssignedMSI' && e.MicrosoftAppPassword === '') throw new ConfigError(`MicrosoftAppType=${e.MicrosoftAppType} needs MicrosoftAppPassword.`);
  // botbuilder's own checks for a managed identity, said here as one line instead of its stack.
  if (!localMode && e.MicrosoftAppType === 'UserAssignedMSI' && e.MicrosoftAppTenantId === '') throw new ConfigError("MicrosoftAppTenantId: not set: MicrosoftAppType=UserAssignedMSI needs the managed identity's tenant id.");
  if (!localMode && e.MicrosoftAppType === 'UserAssignedMSI' && e.MicrosoftAppPassword !== '') throw new ConfigError('MicrosoftAppPassword: set, but MicrosoftAppType=UserAssignedMSI has no password: remove it (the managed identity signs in without one).');
  for (const [name, time] of [['REMINDER_TIME', e.REMINDER_TIME], ['DIGEST_TIME', e.DIGEST_TIME]] as const) {
    if (isInClockChangeHour(time)) throw new ConfigError(`${name}=${time}: ${CLOCK_CHANGE_REFUSAL}`);
  }
  if (!isKnownRegion(e.BANK_HOLIDAYS)) throw new ConfigError(`BANK_HOLIDAYS "${e.BANK_HOLIDAYS}" is not a region date-holidays knows; use e.g. GB-ENG (England and Wales), GB-SCT, GB-NIR, or none.`);
  // Production with people who have only an email address and no SMTP_URL is refused once the
  // people are known (refuseUnreachedEmail, at start); with nobody like that yet, a warning.
  if (production && !e.SMTP_URL && e.EMAIL === 'on') warnings.push('SMTP_URL is not set: emails to leads outside Teams are written to DATA_DIR/mail, not sent.');
  if (e.EMAIL === 'off') warnings.push('EMAIL=off: people with only an email address are not reached; `hwb-bot reach` lists them and board managers are told each period.');
  if (e.CLOCK_START && production) throw new ConfigError('CLOCK_START is for tests and demos; it is refused with NODE_ENV=production.');
  if (e.CLOCK_START) warnings.push(`CLOCK_START=${e.CLOCK_START}: the bot's clock is shifted (tests and demos only).`);
  // Graph installs the bot's own app as the bot's identity, signed in to the board's tenant (local mode: DefaultAzureCredential).
  if (e.GRAPH_ENABLED === 'true') {
    if (!e.TEAMS_APP_ID) throw new ConfigError("TEAMS_APP_ID: not set: GRAPH_ENABLED=true needs the Teams app id (the \"id\" in manifest/manifest.json, as uploaded to the org catalogue).");
    if (!localMode && e.MicrosoftAppTenantId === '') throw new ConfigError('MicrosoftAppTenantId: not set: GRAPH_ENABLED=true signs in to Graph in the board\'s tenant.');
  }
  const allowedTenants = [...new Set([e.MicrosoftAppTenantId, ...e.ALLOWED_TENANTS.split(',')].map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (!localMode && allowedTenants.length === 0) warnings.push('No MicrosoftAppTenantId or ALLOWED_TENANTS: activities from any tenant are accepted, and senders are matched by Entra object id only (never by email). Set the board\'s tenant.');
  const tabSso = e.TAB_SSO === 'on' ? tabSsoSettings(e, localMode, allowedTenants) : undefined;
  // The identity that reads storage: AZURE_CLIENT_ID, else the bot's own managed identity.
  const managedIdentityClientId = e.AZURE_CLIENT_ID ?? (e.MicrosoftAppType === 'UserAssignedMSI' && !localMode ? e.MicrosoftAppId : undefined);
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
    ...(e.STORAGE_ACCOUNT_URL ? { storageAccountUrl: e.STORAGE_ACCOUNT_URL.replace(/\/$/, '') } : {}),
    ...(managedIdentityClientId ? { managedIdentityClientId } : {}),
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
      digestWeekday: WEEKDAY_NAMES.indexOf(e.DIGEST_DAY),
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
    reports: { ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/$/, '') } : {}), ...(e.REPORT_LINK_SECRET ? { secret: e.REPORT_LINK_SECRET } : {}), minutes: e.REPORT_LINK_MINUTES, boardMinutes: e.BOARD_LINK_MINUTES },
    email: { ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}), from: e.MAIL_FROM, ...(e.EMAIL === 'off' ? { off: true } : {}) },
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
    ...(tabSso ? { tabSso } : {}),
    ...(e.GRAPH_ENABLED === 'true' && e.TEAMS_APP_ID ? { graph: { baseUrl: e.GRAPH_BASE_URL.replace(/\/$/, ''), teamsAppId: e.TEAMS_APP_ID } } : {}),
    warnings,
  };
}

/**
 * TAB_SSO=on, checked: the tab's token is for an app registration's API on the bot's public
 * host, from the board's tenants. A managed identity cannot expose an API, hence TAB_SSO_APP_ID.
 */
function tabSsoSettings(e: z.infer<typeof schema>, localMode: boolean, allowedTenants: string[]): NonNullable<Config['tabSso']> {
  if (localMode) throw new ConfigError('TAB_SSO=on needs MicrosoftAppId: local mode has no Teams sign-in (the board command\'s link works there). Set TAB_SSO=off, or set the bot\'s identity.');
  if (!e.PUBLIC_URL || !e.PUBLIC_URL.startsWith('https://')) throw new ConfigError('PUBLIC_URL: TAB_SSO=on needs the bot\'s https:// address: the tab\'s Application ID URI is api://<that host>/<app id>. Set PUBLIC_URL=https://<your-app>.azurewebsites.net.');
  if (allowedTenants.length === 0) throw new ConfigError('MicrosoftAppTenantId: not set, and no ALLOWED_TENANTS: TAB_SSO=on accepts sign-ins only from the board\'s tenants. Set MicrosoftAppTenantId (or ALLOWED_TENANTS) to your tenant id.');
  const appId = (e.TAB_SSO_APP_ID ?? (e.MicrosoftAppType === 'UserAssignedMSI' ? '' : e.MicrosoftAppId)).trim().toLowerCase();
  if (appId === '') throw new ConfigError('TAB_SSO_APP_ID: not set, and MicrosoftAppType=UserAssignedMSI: a managed identity cannot expose an API for the tab. Register an app in Entra ID (README, "The Teams tabs") and set TAB_SSO_APP_ID to its application (client) id.');
  const domain = new URL(e.PUBLIC_URL).host;
  return { appId, domain, audiences: [`api://${domain}/${appId}`, appId], metadataUrl: e.ENTRA_OPENID_METADATA_URL, allowedTenants };
}

/**
 * Production with people who have only an email address needs a way to email them: SMTP_URL, or
 * EMAIL=off to say the board accepts they are not reached. Known only once people are loaded.
 */
export function refuseUnreachedEmail(config: Pick<Config, 'production' | 'email'>, people: readonly { id: string; email?: string; aadObjectId?: string }[]): void {
  if (!config.production || config.email.smtpUrl || config.email.off) return;
  const emailOnly = people.filter((p) => p.email && !p.aadObjectId).map((p) => p.id);
  if (emailOnly.length === 0) return;
  const names = emailOnly.length <= 3 ? emailOnly.join(', ') : `${emailOnly.slice(0, 3).join(', ')} and ${emailOnly.length - 3} more`;
  throw new ConfigError(`SMTP_URL: not set, and ${emailOnly.length === 1 ? '1 person has' : `${emailOnly.length} people have`} only an email address (${names}), so nobody would email them. Set SMTP_URL=smtp://user:password@relay:587, or EMAIL=off if the board accepts that they are not reached.`);
}
