/**
 * Timecodes of podcast formats, all as integer milliseconds.
 *
 * Parsers never throw: they return the milliseconds, or `null` for anything that is not a time of their
 * syntax (surrounding whitespace is ignored). Formatters take a non-negative safe integer of milliseconds
 * and throw a RangeError for anything else, because such a value is a programming error, not user input.
 * Fractions written as digits beyond milliseconds are truncated (as Podlove Publisher and django-cast do);
 * seconds given as numbers are rounded to the nearest millisecond, so 4.05 s is 4050 ms.
 */

const MS_PER_SECOND = 1000
const MS_PER_MINUTE = 60 * MS_PER_SECOND
const MS_PER_HOUR = 60 * MS_PER_MINUTE

const NPT = /^(?:(?:(\d+):)?(\d+):)?(\d+)(?:\.(\d+))?$/
const CLOCK = /^(\d{2,}):(\d{2}):(\d{2})\.(\d{3})$/
const WEBVTT = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/
const COMMA = /^(\d+):(\d{2}):(\d{2}),(\d{3})$/
const TEXT_BOX = /^(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?$/
const SECONDS_TEXT = /^(\d+)(?:[.,](\d+))?$/

function fractionToMs(digits: string | undefined): number {
  if (!digits) return 0
  return Number(digits.slice(0, 3).padEnd(3, '0'))
}

function compose(hours: number, minutes: number, seconds: number, ms: number): number | null {
  const total = hours * MS_PER_HOUR + minutes * MS_PER_MINUTE + seconds * MS_PER_SECOND + ms
  return Number.isSafeInteger(total) ? total : null
}

function sexagesimal(text: string | undefined): number | null {
  if (text === undefined) return 0
  const value = Number(text)
  return text.length <= 2 && value < 60 ? value : null
}

/**
 * Normal Play Time `[[h:]m:]s[.frac]` (PSC, mp4chaps, Podlove strings): `185.5`, `3:05.5`, `1:02:03.25`.
 * The leading part may have any number of digits; parts after a colon are below 60 and at most 2 digits.
 */
export function parseNormalPlayTime(text: string): number | null {
  const match = NPT.exec(text.trim())
  if (!match) return null
  const [, h, m, s, frac] = match
  if (h !== undefined) {
    const minutes = sexagesimal(m)
    const seconds = sexagesimal(s)
    if (minutes === null || seconds === null) return null
    return compose(Number(h), minutes, seconds, fractionToMs(frac))
  }
  if (m !== undefined) {
    const seconds = sexagesimal(s)
    if (seconds === null) return null
    return compose(0, Number(m), seconds, fractionToMs(frac))
  }
  return compose(0, 0, Number(s), fractionToMs(frac))
}

/** `HH:MM:SS.mmm` exactly (Podlove transcripts and player strings): hours at least two digits. */
export function parseClockTime(text: string): number | null {
  const match = CLOCK.exec(text.trim())
  if (!match) return null
  return fromParts(match[1], match[2], match[3], match[4])
}

/** WebVTT `[hh:]mm:ss.ttt`: minutes and seconds two digits below 60, exactly three fraction digits. */
export function parseWebVttTime(text: string): number | null {
  const match = WEBVTT.exec(text.trim())
  if (!match) return null
  return fromParts(match[1], match[2], match[3], match[4])
}

/** SRT and DOTe `HH:MM:SS,mmm` (comma before exactly three millisecond digits). */
export function parseSrtTime(text: string): number | null {
  const match = COMMA.exec(text.trim())
  if (!match) return null
  return fromParts(match[1], match[2], match[3], match[4])
}

/**
 * django-cast's chapter text box: `HH:MM:SS`, `HH:MM:SS.f` with 1–6 fraction digits, or `HH:MM`
 * (hours and minutes). Hours are not limited to 24: an episode is not a time of day.
 */
export function parseTextBoxTime(text: string): number | null {
  const match = TEXT_BOX.exec(text.trim())
  if (!match) return null
  const [, h, m, s, frac] = match
  const minutes = sexagesimal(m)
  const seconds = sexagesimal(s)
  if (minutes === null || seconds === null) return null
  return compose(Number(h), minutes, seconds, fractionToMs(frac))
}

function fromParts(h: string | undefined, m: string, s: string, frac: string): number | null {
  const minutes = sexagesimal(m)
  const seconds = sexagesimal(s)
  if (minutes === null || seconds === null) return null
  return compose(Number(h ?? 0), minutes, seconds, Number(frac))
}

/**
 * Seconds as a number (Podcasting 2.0 JSON) or as decimal text with `.` or `,` (Audacity labels),
 * rounded to the nearest millisecond. Negative, infinite and non-numeric values give null.
 */
export function parseSeconds(value: number | string): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null
    const ms = Math.round(value * MS_PER_SECOND)
    return Number.isSafeInteger(ms) ? ms : null
  }
  const match = SECONDS_TEXT.exec(value.trim())
  if (!match) return null
  const frac = (match[2] ?? '').padEnd(4, '0')
  const roundUp = Number(frac[3]) >= 5 ? 1 : 0
  const ms = Number(match[1]) * MS_PER_SECOND + Number(frac.slice(0, 3)) + roundUp
  return Number.isSafeInteger(ms) ? ms : null
}

function checkMs(ms: number): void {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`A time must be a whole, non-negative number of milliseconds, not ${ms}.`)
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

function split(ms: number): { h: number; m: number; s: number; frac: number } {
  checkMs(ms)
  return {
    h: Math.floor(ms / MS_PER_HOUR),
    m: Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE),
    s: Math.floor((ms % MS_PER_MINUTE) / MS_PER_SECOND),
    frac: ms % MS_PER_SECOND,
  }
}

/** `HH:MM:SS.mmm`, hours zero-padded to at least two digits. Also valid WebVTT, PSC and mp4chaps. */
export function formatClockTime(ms: number): string {
  const { h, m, s, frac } = split(ms)
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(frac, 3)}`
}

/** WebVTT timestamp; always with hours so every cue lines up. */
export const formatWebVttTime = formatClockTime

/** SRT and DOTe `HH:MM:SS,mmm`. */
export function formatSrtTime(ms: number): string {
  const { h, m, s, frac } = split(ms)
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)},${pad(frac, 3)}`
}

/** django-cast's chapter text export: `HH:MM:SS`, or `HH:MM:SS.ffffff` when there is a fraction. */
export function formatTextBoxTime(ms: number): string {
  const { h, m, s, frac } = split(ms)
  const base = `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`
  return frac === 0 ? base : `${base}.${pad(frac, 3)}000`
}

/** Seconds as a number (Podcasting 2.0 JSON); exact for every whole millisecond. */
export function msToSeconds(ms: number): number {
  checkMs(ms)
  return ms / MS_PER_SECOND
}

/** Seconds as text with a fixed number of decimals (Audacity writes six), without float rounding. */
export function formatSecondsText(ms: number, decimals = 6): string {
  checkMs(ms)
  const whole = Math.floor(ms / MS_PER_SECOND)
  if (decimals <= 0) return String(whole)
  const frac = pad(ms % MS_PER_SECOND, 3)
    .padEnd(decimals, '0')
    .slice(0, decimals)
  return `${whole}.${frac}`
}
