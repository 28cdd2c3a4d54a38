/**
 * .NET custom date and time format strings (FormatDateTime's inputFormat and outputFormat, and the
 * `M/d/yyyy h:mm:ss tt` rendering of every Entra DateTime), with the invariant culture's names and
 * separators. research silent on time zones: values are always UTC, the provisioning service's zone,
 * so an offset in the input is applied, `K` prints `Z`, and `zzz` prints `+00:00` (.NET prints the
 * host's offset for `zzz`, which is +00:00 on a UTC host). Problems throw `RangeError`; callers
 * turn it into an expression error.
 */

type Part = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; count: number };

const FIELD_LETTERS = new Set(['y', 'M', 'd', 'H', 'h', 'm', 's', 'f', 'F', 't', 'z', 'K']);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The standard (one-letter) formats worth supporting, as their invariant-culture custom equivalents. */
const STANDARD_FORMATS: Readonly<Record<string, string>> = {
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
};

function parts(format: string): Part[] {
  if (format.length === 0) throw new RangeError('the format string is empty');
  if (format.length === 1) {
    const standard = STANDARD_FORMATS[format];
    if (standard === undefined) throw new RangeError(`the standard format "${format}" is not supported; write a custom format such as "yyyy-MM-dd"`);
    return parts(standard);
  }
  const result: Part[] = [];
  const literal = (text: string): void => {
    const last = result[result.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else result.push({ kind: 'literal', text });
  };
  for (let i = 0; i < format.length; ) {
    const char = format[i]!;
    if (char === "'" || char === '"') {
      const close = format.indexOf(char, i + 1);
      if (close === -1) throw new RangeError(`unclosed quote ${char} in the format "${format}"`);
      literal(format.slice(i + 1, close));
      i = close + 1;
    } else if (char === '\\' && i + 1 < format.length) {
      literal(format[i + 1]!);
      i += 2;
    } else if (char === '%' && FIELD_LETTERS.has(format[i + 1] ?? '')) {
      result.push({ kind: 'field', letter: format[i + 1]!, count: 1 });
      i += 2;
    } else if (char === 'g') {
      throw new RangeError(`the era specifier "g" is not supported in "${format}"`);
    } else if (FIELD_LETTERS.has(char)) {
      let count = 1;
      while (char !== 'K' && format[i + count] === char) count += 1;
      if ((char === 'f' || char === 'F') && count > 7) throw new RangeError(`"${char.repeat(count)}" has more than 7 fraction digits`);
      result.push({ kind: 'field', letter: char, count });
      i += count;
    } else {
      // The invariant culture's date and time separators are '/' and ':'; anything else is literal.
      literal(char);
      i += 1;
    }
  }
  return result;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function formatField(date: Date, letter: string, count: number): string {
  const year = date.getUTCFullYear();
  const hour = date.getUTCHours();
  const fraction = pad(date.getUTCMilliseconds(), 3).padEnd(7, '0');
  switch (letter) {
    case 'y':
      return count === 1 ? String(year % 100) : count === 2 ? pad(year % 100, 2) : pad(year, count);
    case 'M': {
      const month = date.getUTCMonth();
      if (count >= 3) return count === 3 ? MONTHS[month]!.slice(0, 3) : MONTHS[month]!;
      return pad(month + 1, count);
    }
    case 'd': {
      if (count >= 3) return count === 3 ? DAYS[date.getUTCDay()]!.slice(0, 3) : DAYS[date.getUTCDay()]!;
      return pad(date.getUTCDate(), count);
    }
    case 'H':
      return pad(hour, Math.min(count, 2));
    case 'h':
      return pad(hour % 12 === 0 ? 12 : hour % 12, Math.min(count, 2));
    case 'm':
      return pad(date.getUTCMinutes(), Math.min(count, 2));
    case 's':
      return pad(date.getUTCSeconds(), Math.min(count, 2));
    case 'f':
      return fraction.slice(0, count);
    case 'F':
      return fraction.slice(0, count).replace(/0+$/, '');
    case 't':
      return (hour < 12 ? 'AM' : 'PM').slice(0, count === 1 ? 1 : 2);
    case 'z':
      return count === 1 ? '+0' : count === 2 ? '+00' : '+00:00';
    default: // K: the kind of a UTC value
      return 'Z';
  }
}

/** Format a UTC instant with a .NET custom (or o/O/s/u standard) format string. */
export function formatDotnetDate(date: Date, format: string): string {
  if (date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) throw new RangeError('the date is outside .NET DateTime range (years 1 to 9999)');
  let out = '';
  for (const part of parts(format)) {
    if (part.kind === 'literal') out += part.text;
    else {
      const text = formatField(date, part.letter, part.count);
      // .NET drops the '.' before F digits that print nothing.
      if (part.letter === 'F' && text === '' && out.endsWith('.')) out = out.slice(0, -1);
      out += text;
    }
  }
  return out;
}

function fieldPattern(letter: string, count: number): string {
  const digits = (exact: number): string => (count === 1 ? '(\\d{1,2})' : `(\\d{${exact}})`);
  switch (letter) {
    case 'y':
      if (count <= 2) return count === 1 ? '(\\d{1,2})' : '(\\d{2})';
      return count === 3 ? '(\\d{3,4})' : `(\\d{${count}})`;
    case 'M':
    case 'd':
      if (count >= 3) {
        const names = letter === 'M' ? MONTHS : DAYS;
        return `(${names.map((name) => (count === 3 ? name.slice(0, 3) : name)).join('|')})`;
      }
      return digits(2);
    case 'H':
    case 'h':
    case 'm':
    case 's':
      return digits(2);
    case 'f':
      return `(\\d{${count}})`;
    case 'F':
      return `(\\d{0,${count}})`;
    case 't':
      return count === 1 ? '([AP])' : '(AM|PM)';
    case 'z':
      return count === 1 ? '([+-]\\d{1,2})' : count === 2 ? '([+-]\\d{2})' : '([+-]\\d{2}:\\d{2})';
    default: // K
      return '(Z|[+-]\\d{2}:\\d{2})?';
  }
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Minutes east of UTC in `+hh:mm`, `+hh` or `Z`. */
export function offsetMinutes(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const [, sign, hours, minutes] = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(text) ?? [];
  if (sign === undefined) throw new RangeError(`bad UTC offset "${text}"`);
  const total = Number(hours) * 60 + Number(minutes ?? 0);
  return sign === '-' ? -total : total;
}

export interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC; the instant is the local fields minus this. */
  offset: number;
}

/** The instant for calendar fields, refusing impossible dates such as February 30. Years below 100 are kept as written. */
export function instantOf(fields: DateFields): Date {
  const { year, month, day, hour, minute, second, millisecond, offset } = fields;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) throw new RangeError('the date or time is out of range');
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  if (date.getUTCDate() !== day) throw new RangeError(`day ${day} does not exist in month ${month} of ${year}`);
  return new Date(date.getTime() - offset * 60_000);
}

/**
 * .NET `DateTime.ParseExact` with the styles Entra defaults to (leading and trailing white space
 * allowed). Fields the format lacks default to 1 January of year 1, midnight, UTC.
 */
export function parseDotnetDate(text: string, format: string): Date {
  const fields: Array<{ letter: string; count: number }> = [];
  let source = '';
  for (const part of parts(format)) {
    if (part.kind === 'literal') source += escapeRegex(part.text).replace(/\s+/g, '\\s+');
    else {
      fields.push(part);
      source += fieldPattern(part.letter, part.count);
    }
  }
  const match = new RegExp(`^${source}$`, 'i').exec(text.trim());
  if (!match) throw new RangeError(`"${text}" does not match the format "${format}"`);
  const result: DateFields = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0, offset: 0 };
  let pm: boolean | undefined;
  fields.forEach(({ letter, count }, i) => {
    const captured = match[i + 1];
    if (captured === undefined) return;
    const number = Number(captured);
    switch (letter) {
      case 'y':
        // .NET's two-digit year window: 00–49 are 20xx, 50–99 are 19xx (TwoDigitYearMax 2049).
        result.year = count <= 2 ? (number <= 49 ? 2000 + number : 1900 + number) : number;
        break;
      case 'M':
        result.month = count >= 3 ? MONTHS.findIndex((name) => name.toLowerCase().startsWith(captured.toLowerCase())) + 1 : number;
        break;
      case 'd':
        if (count <= 2) result.day = number; // day names are checked by the pattern only
        break;
      case 'H':
      case 'h':
        result.hour = number;
        if (letter === 'h' && (number < 1 || number > 12)) throw new RangeError(`hour ${number} is not a 12-hour clock hour`);
        break;
      case 'm':
        result.minute = number;
        break;
      case 's':
        result.second = number;
        break;
      case 'f':
      case 'F':
        result.millisecond = Number(captured.padEnd(3, '0').slice(0, 3));
        break;
      case 't':
        pm = captured.toUpperCase().startsWith('P');
        break;
      default: // z and K
        result.offset = offsetMinutes(captured);
    }
  });
  if (pm !== undefined) result.hour = (result.hour % 12) + (pm ? 12 : 0);
  return instantOf(result);
}
