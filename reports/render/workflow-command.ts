/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`) with the escaping of
 * actions/toolkit: data escapes `%`, CR and LF; property values also `:` and `,`, which would
 * otherwise end the value. Unescaped, a message with a newline loses everything after it.
 */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  line?: number;
  col?: number;
}

export function workflowCommand(level: AnnotationLevel, properties: AnnotationProperties, message: string): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${level}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
