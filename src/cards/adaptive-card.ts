/**
 * The Adaptive Card 1.5 elements and actions our cards use, as JSON types (and Teams' Chart.*
 * extension). Only the properties we may send are listed, so a misspelt or wrong property in a
 * card builder is a type error; `test/support/validate-card.ts` still checks each card with the
 * official object model, and the golden fixtures hold the exact JSON.
 * Schema: https://adaptivecards.io/explorer/ (1.5).
 */

export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';
export type TextColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
export type TextSize = 'Default' | 'Small' | 'Medium' | 'Large' | 'ExtraLarge';
export type TextWeight = 'Default' | 'Lighter' | 'Bolder';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type HorizontalAlignment = 'Left' | 'Center' | 'Right';
export type VerticalAlignment = 'Top' | 'Center' | 'Bottom';

/** What every element may carry. */
interface ElementBase {
  id?: string;
  isVisible?: boolean;
  separator?: boolean;
  spacing?: Spacing;
  height?: 'auto' | 'stretch';
  /** What a client that cannot render the element shows instead. */
  fallback?: CardElement | 'drop';
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  color?: TextColor;
  fontType?: 'Default' | 'Monospace';
  horizontalAlignment?: HorizontalAlignment;
  isSubtle?: boolean;
  maxLines?: number;
  size?: TextSize;
  weight?: TextWeight;
  wrap?: boolean;
  style?: 'default' | 'heading';
}

export interface TextRun {
  type: 'TextRun';
  text: string;
  color?: TextColor;
  isSubtle?: boolean;
  italic?: boolean;
  size?: TextSize;
  weight?: TextWeight;
  strikethrough?: boolean;
}

export interface RichTextBlock extends ElementBase {
  type: 'RichTextBlock';
  inlines: TextRun[];
  horizontalAlignment?: HorizontalAlignment;
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  verticalContentAlignment?: VerticalAlignment;
  bleed?: boolean;
  minHeight?: string;
}

export interface Column extends Omit<ElementBase, 'fallback'> {
  type: 'Column';
  items: CardElement[];
  width?: 'auto' | 'stretch' | number | `${number}px`;
  style?: ContainerStyle;
  verticalContentAlignment?: VerticalAlignment;
  fallback?: Column | 'drop';
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
  style?: ContainerStyle;
  horizontalAlignment?: HorizontalAlignment;
}

export interface TableCell {
  type: 'TableCell';
  items: CardElement[];
  style?: ContainerStyle;
  verticalContentAlignment?: VerticalAlignment;
}

export interface TableRow {
  type: 'TableRow';
  cells: TableCell[];
  style?: ContainerStyle;
}

export interface Table extends ElementBase {
  type: 'Table';
  columns: { width: number | `${number}px` }[];
  rows: TableRow[];
  firstRowAsHeader?: boolean;
  showGridLines?: boolean;
  gridStyle?: ContainerStyle;
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

/** What every input may carry: 1.3's label, required flag and error message. */
interface InputBase extends ElementBase {
  id: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface TextInput extends InputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  regex?: string;
  style?: 'text' | 'tel' | 'url' | 'email' | 'password';
}

export interface Choice {
  title: string;
  value: string;
}

export interface ChoiceSetInput extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  value?: string;
  placeholder?: string;
  isMultiSelect?: boolean;
  style?: 'compact' | 'expanded' | 'filtered';
  /** Teams' people picker (its own type-ahead over the organisation's directory); the value sent is the person's Entra object id. */
  'choices.data'?: { type: 'Data.Query'; dataset: 'graph.microsoft.com/users' | 'graph.microsoft.com/users?scope=currentContext' };
  wrap?: boolean;
}

export interface NumberInput extends InputBase {
  type: 'Input.Number';
  value?: number;
  min?: number;
  max?: number;
  placeholder?: string;
}

export interface DateInput extends InputBase {
  type: 'Input.Date';
  /** YYYY-MM-DD */
  value?: string;
  min?: string;
  max?: string;
}

export interface TimeInput extends InputBase {
  type: 'Input.Time';
  /** HH:MM */
  value?: string;
  min?: string;
  max?: string;
}

export interface ToggleInput extends InputBase {
  type: 'Input.Toggle';
  title: string;
  value?: string;
  valueOn?: string;
  valueOff?: string;
  wrap?: boolean;
}

export type Input = TextInput | ChoiceSetInput | NumberInput | DateInput | TimeInput | ToggleInput;

/** Teams' chart extension: a client without charts shows `fallback`, so charts always carry one. */
interface ChartBase extends ElementBase {
  title?: string;
  fallback: CardElement | 'drop';
}

export interface LineChart extends ChartBase {
  type: 'Chart.Line';
  xAxisTitle?: string;
  yAxisTitle?: string;
  data: { legend: string; values: { x: string | number; y: number }[] }[];
}

export interface BarChart extends ChartBase {
  type: 'Chart.VerticalBar' | 'Chart.HorizontalBar';
  data: { x: string; y: number; legend?: string }[];
}

export interface PieChart extends ChartBase {
  type: 'Chart.Pie' | 'Chart.Donut';
  data: { legend: string; value: number }[];
}

export type Chart = LineChart | BarChart | PieChart;

export type CardElement = TextBlock | RichTextBlock | FactSet | Container | ColumnSet | Table | ActionSet | Input | Chart;

/** What every action may carry. */
interface ActionBase {
  title?: string;
  id?: string;
  tooltip?: string;
  style?: 'default' | 'positive' | 'destructive';
  isEnabled?: boolean;
}

/** Data posted with an action; Teams sends it back as it was, so it is JSON. */
export type ActionData = Record<string, unknown>;

export interface ExecuteAction extends ActionBase {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: ActionData;
  associatedInputs?: 'auto' | 'none';
}

export interface SubmitAction extends ActionBase {
  type: 'Action.Submit';
  data?: ActionData;
  associatedInputs?: 'auto' | 'none';
}

export interface ToggleVisibilityAction extends ActionBase {
  type: 'Action.ToggleVisibility';
  targetElements: (string | { elementId: string; isVisible?: boolean })[];
}

export interface OpenUrlAction extends ActionBase {
  type: 'Action.OpenUrl';
  url: string;
}

export type CardAction = ExecuteAction | SubmitAction | ToggleVisibilityAction | OpenUrlAction;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardAction[];
  /** Teams only: a card as wide as the conversation. */
  msteams?: { width: 'Full' };
}
