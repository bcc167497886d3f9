/**
 * The layers, as an allow-list: an import not allowed here fails `npm run lint`.
 *
 *   src/domain   entities, rules, ports, notices (plain data)     → domain only, no packages
 *   src/app      use cases and pure view builders                 → domain
 *   src/cards    Adaptive Card builders (pure), shared by Teams and the web page → app, domain
 *   src/store, src/bot, src/report, src/scheduler, src/seed,
 *   src/email, src/web, src/links                                 → app, domain, packages
 *   src/bot                                                       → + src/links (it issues report links)
 *   src/http     the one HTTP host                                → + src/bot (its endpoint, words), src/web
 *                                                                   (page renderers), src/report, src/links
 *   src/index.ts, src/start-app.ts, src/board-setup.ts, src/cli   composition roots → anything
 * Nothing imports src/http but the composition roots: the bot and the pages never see the host.
 */
const ADAPTERS = '^src/(store|bot|report|scheduler|seed|email|web|links|http)/';
const ROOTS = '^src/(index|start-app|board-setup|config)\\.ts$|^src/cli/';

module.exports = {
  allowedSeverity: 'error',
  allowed: [
    { comment: 'The domain is pure: it imports only itself.', from: { path: '^src/domain/' }, to: { path: '^src/domain/' } },
    { comment: 'Use cases import the domain, and each other.', from: { path: '^src/app/' }, to: { path: '^src/(app|domain)/' } },
    { comment: 'Cards are pure builders from views: they import each other, use cases\' view types and the domain, no packages.', from: { path: '^src/cards/' }, to: { path: '^src/(cards|app|domain)/' } },
    { comment: 'An adapter imports its own folder, the cards, use cases and the domain.', from: { path: '^src/([^/]+)/', pathNot: '^src/(domain|app|cards)/' }, to: { path: ['^src/$1/', '^src/(cards|app|domain)/'] } },
    { comment: 'Adapters and roots use packages and Node built-ins.', from: { path: [ADAPTERS, ROOTS] }, to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'core', 'type-only'], path: '^node_modules/|^[a-z]' } },
    { comment: 'Adapters read the configuration type.', from: { path: ADAPTERS }, to: { path: '^src/config\\.ts$' } },
    { comment: 'The bot issues signed report links; links are a module of their own, not an adapter\'s internals.', from: { path: '^src/bot/' }, to: { path: '^src/links/' } },
    { comment: 'The HTTP host serves the bot\'s endpoint (and its words for refusals), the pages src/web draws, report files, and verifies signed links.', from: { path: '^src/http/' }, to: { path: '^src/(bot|web|report|links)/' } },
    { comment: 'The board page\'s CSV is written by the papers\' one CSV writer.', from: { path: '^src/web/' }, to: { path: '^src/report/report-text\\.ts$' } },
    { comment: 'Emails are HTML too: one template for the pages and the email.', from: { path: '^src/email/' }, to: { path: '^src/web/html\\.ts$' } },
    { comment: 'Composition roots wire everything.', from: { path: ROOTS }, to: {} },
  ],
  forbidden: [
    { name: 'botbuilder-in-bot', severity: 'error', comment: 'Every Bot Framework import stays in src/bot/, so a move to the Agents SDK is bounded.', from: { path: '^src/', pathNot: '^src/bot/' }, to: { path: 'node_modules/(botbuilder|botframework-)' } },
    { name: 'cards-in-src-cards', severity: 'error', comment: 'Cards live in src/cards/ (the product layout), shared by Teams and the web page: never under an adapter.', from: { path: '^src/' }, to: { path: '^src/[^/]+/cards/' } },
    { name: 'no-circular', severity: 'error', comment: 'A cycle makes layers meaningless.', from: { path: '^src/' }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages' subpath exports (hono/html) resolve as Node resolves them for our CommonJS build.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default', 'types'] },
    exclude: { path: '\\.d\\.ts$' },
  },
};
