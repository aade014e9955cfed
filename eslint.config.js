// Lint rules, including the architecture's import boundaries (DESIGN §4): folders say where
// code runs, and what each folder may import is enforced here, not by goodwill.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net',
  'os', 'path', 'process', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

const rendererRestrictions = {
  paths: [
    ...NODE_BUILTINS.map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node modules.' })),
    { name: 'electron', message: 'The renderer talks to the backend only through the contract (renderer/src/api).' },
    { name: 'better-sqlite3', message: 'The renderer never touches SQLite: call the backend through the contract.' },
  ],
  patterns: [
    { regex: '^node:', message: 'The renderer runs in a sandboxed page: no Node modules.' },
    { regex: '(^|/)(db|backend|electron)(/|$)', message: 'The renderer imports shared/ only (the contract), never db/, backend/ or electron/.' },
  ],
};

const serverRestrictions = {
  paths: [{ name: 'electron', message: 'Handlers and db/ never import Electron: it lives in electron/ only.' }],
  patterns: [
    { regex: '(^|/)(renderer|electron)(/|$)', message: 'The backend and db/ never import the UI or the desktop shell.' },
  ],
};

const dbRestrictions = {
  paths: serverRestrictions.paths,
  patterns: [
    ...serverRestrictions.patterns,
    { regex: '(^|/)backend(/|$)', message: 'db/ holds queries; it never imports the backend.' },
  ],
};

const sharedRestrictions = {
  patterns: [
    { regex: '^(?!zod$)(?!\\.{1,2}/)', message: 'shared/ imports zod only (and its own files).' },
    { regex: '^(\\.\\./)+(db|backend|renderer|electron|tests|scripts)(/|$)', message: 'shared/ imports zod only (and its own files).' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', window: 'readonly',
        document: 'readonly', fetch: 'readonly', __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name=/^(prepare|exec)$/] > TemplateLiteral[expressions.length>0]', message: 'Build SQL with bound parameters, not string interpolation of values.' },
      ],
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-imports': ['error', rendererRestrictions] } },
  { files: ['backend/**/*.ts'], rules: { 'no-restricted-imports': ['error', serverRestrictions] } },
  { files: ['db/**/*.ts'], rules: { 'no-restricted-imports': ['error', dbRestrictions] } },
  { files: ['shared/**/*.ts'], ignores: ['**/*.test.ts'], rules: { 'no-restricted-imports': ['error', sharedRestrictions] } },
  // Tests may build EXPLAIN statements around the queries they check.
  { files: ['**/*.test.ts', 'tests/**/*.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!electron$)', message: 'The preload is one sandboxed CommonJS file: it imports electron only.' }] }] },
  },
);
