/** Small helpers for reading uploaded text, shared by the chapter and transcript codecs. */

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Lines of a text with any line ending (`\r\n`, `\n`, `\r`); a leading BOM is dropped. */
export function splitLines(text: string): string[] {
  return stripBom(text).split(/\r\n|\r|\n/)
}

/** A line quoted for an error message, shortened when long. */
export function quoteLine(line: string, max = 60): string {
  const trimmed = line.trim()
  return `'${trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed}'`
}

/** Line and column of a character offset, both counted from 1. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/**
 * `JSON.parse` whose failure is reported through `fail` with a line and column when the engine gives
 * a position, e.g. "Line 3, column 7: the JSON is broken (Unexpected end of JSON input)."
 */
export function parseJsonText(text: string, fail: (message: string) => never): unknown {
  const source = stripBom(text)
  try {
    return JSON.parse(source)
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error)
    const message = raw.replace(/, ".*" is not valid JSON$/s, '')
    const offset = /position (\d+)/.exec(message)
    if (offset) {
      const { line, column } = positionAt(source, Number(offset[1]))
      const reason = message.replace(/ in JSON at position \d+.*$/s, '')
      return fail(`Line ${line}, column ${column}: the JSON is broken (${reason}).`)
    }
    return fail(`The JSON is broken (${message}).`)
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `null` for missing, non-string or blank values, else the trimmed string. */
export function optionalUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}
