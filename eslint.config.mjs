import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'manifest/build/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // The domain is pure: it never imports an adapter library.
    files: ['src/domain/**/*.ts', 'src/app/**/*.ts', 'src/cards/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'Bot Framework stays in src/bot/.' },
          { group: ['@azure/*', 'azurite', 'azurite/*'], message: 'Storage stays in src/store/.' },
          { group: ['restify', 'node-cron'], message: 'Adapters stay at the edge.' },
        ],
      }],
    },
  },
  {
    // Every botbuilder import stays inside src/bot/ so a later move to the Agents SDK is bounded.
    files: ['src/**/*.ts'],
    ignores: ['src/bot/**', 'src/domain/**', 'src/app/**', 'src/cards/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'Bot Framework stays in src/bot/.' }],
      }],
    },
  },
);
