import type { ReportFormat } from '../app/report';
import type { BoardReport } from '../app/report-model';
import { reportDocx } from './report-docx';
import { reportCsv, reportMarkdown } from './report-text';

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The board paper as a file in one of its formats, named after the strategy and period. */
export async function renderReport(report: BoardReport, format: ReportFormat): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const base = `${report.strategy.key}-${report.period ?? 'report'}`;
  const body = format === 'docx' ? await reportDocx(report) : Buffer.from(format === 'md' ? reportMarkdown(report) : format === 'csv' ? reportCsv(report) : `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return { body, contentType: CONTENT_TYPES[format], fileName: `${base}.${format}` };
}
