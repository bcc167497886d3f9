/**
 * The typed element layer (src/cards/adaptive-card.ts) turns a wrong property in a card builder
 * into a type error. Shown by type-checking small builders with the TypeScript compiler.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import ts from 'typescript';

const CARDS = join(__dirname, '../../src/cards');
const SNIPPET = join(CARDS, '__type-check-snippet.ts');

/** The compiler's errors by line, for a module placed beside the card builders (never written to disk). */
function typeErrors(source: string): Map<number, string[]> {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (name === SNIPPET ? ts.createSourceFile(name, source, version) : read(name, version, ...rest));
  host.fileExists = ((exists) => (name: string) => name === SNIPPET || exists(name))(host.fileExists.bind(host));
  const program = ts.createProgram([SNIPPET], options, host);
  const byLine = new Map<number, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.file?.fileName !== SNIPPET || d.start === undefined) continue;
    const line = d.file.getLineAndCharacterOfPosition(d.start).line;
    byLine.set(line, [...(byLine.get(line) ?? []), ts.flattenDiagnosticMessageText(d.messageText, '\n')]);
  }
  return byLine;
}

const HEADER = `import { card, execute, note, type Element } from './elements';\n`;

const GOOD = `
const body: Element[] = [
  { type: 'Container', style: 'attention', items: [note('Overdue', { weight: 'Bolder', size: 'Small' })] },
  { type: 'ColumnSet', columns: [{ type: 'Column', width: 'auto', items: [] }] },
  { type: 'Input.Text', id: 'update', label: 'Update', isMultiline: true, maxLength: 4000 },
  { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Show', targetElements: ['plan'] }] },
  { type: 'Chart.Line', data: [], fallback: { type: 'TextBlock', text: 'Trend' } },
];
export const good = card(body, [execute('Submit', 'checkin.submit', {}, { style: 'positive', associatedInputs: 'auto' })]);
`;

/** One wrong builder a line: what is wrong, the line, and what the compiler must say. */
const BAD: [string, string, RegExp][] = [
  ['a misspelt property', `export const e1: Element = { type: 'TextBlock', text: 'x', wrapp: true };`, /wrapp/],
  ['a value the schema does not allow', `export const e2: Element = { type: 'Container', style: 'danger', items: [] };`, /"danger"/],
  ['a property of another element', `export const e3: Element = { type: 'FactSet', facts: [], items: [] };`, /items/],
  ['an input without its id', `export const e4: Element = { type: 'Input.Text', label: 'Update' };`, /'id'/],
  ['a chart without a fallback', `export const e5: Element = { type: 'Chart.Line', data: [] };`, /fallback/],
  ['an unknown element', `export const e6: Element = { type: 'Carousel', pages: [] };`, /Carousel/],
  ['a wrong option on a text helper', `export const e7 = note('x', { colour: 'Good' });`, /colour/],
  ['a wrong value on an action', `export const e8 = execute('Go', 'v', {}, { associatedInputs: 'all' });`, /"all"/],
];

describe('typed card elements', function () {
  this.timeout(60_000);
  const firstBad = HEADER.split('\n').length - 1 + GOOD.split('\n').length - 1;
  let errors: Map<number, string[]>;
  // One compile for every case: the compiler's start-up is most of the time.
  before(() => {
    errors = typeErrors(`${HEADER}${GOOD}${BAD.map(([, line]) => line).join('\n')}\n`);
  });

  it('a card built with the schema’s properties type-checks', () => {
    const inGood = [...errors].filter(([line]) => line < firstBad);
    assert.deepEqual(inGood, []);
  });

  BAD.forEach(([what, line, expected], i) => {
    it(`${what} is a type error`, () => {
      const found = errors.get(firstBad + i) ?? [];
      assert.ok(found.some((e) => expected.test(e)), `${line}\nexpected an error matching ${expected}, got:\n${found.join('\n') || '(none)'}`);
    });
  });
});
