// Per-phase CPU of Castdesk's encode (bench encode --phases): every ffmpeg run of the call goes
// through a wrapper that appends GNU time's figures and the command line to a log; the log is then
// sorted into the encode's phases by what each command does.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Writes the wrapper into `dir`; returns its path (to use as FFMPEG_PATH) and the log's. */
export function timedFfmpeg(dir, ffmpeg) {
  const wrapper = join(dir, 'ffmpeg-timed.sh')
  const log = join(dir, 'ffmpeg-times.log')
  writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/time -a -o '${log}' -f '%U %S :: %C' '${ffmpeg}' "$@"\n`)
  chmodSync(wrapper, 0o755)
  return { wrapper, log }
}

function phaseOf(command) {
  if (command.includes('pipe:3')) return 'decoder'
  if (command.includes('-i pipe:0')) return `encoder ${/-c:a (\S+)/.exec(command)?.[1] ?? '?'}`
  if (command.includes('-probe.')) return 'encoder-shift probe'
  if (command.includes('alimiter') && command.includes('ebur128')) return 'limiter calibration'
  if (command.includes('cast_audio/masters/') && command.includes('ebur128')) return 'master loudness'
  if (command.includes('ebur128')) return 'verification'
  return 'other'
}

/** CPU seconds (user + system) per phase, with the number of ffmpeg runs. */
export function phasesFromLog(log) {
  if (!existsSync(log)) return {}
  const phases = {}
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const match = /^([\d.]+) ([\d.]+) :: (.*)$/.exec(line.trim())
    if (!match) continue
    const phase = phaseOf(match[3])
    phases[phase] ??= { cpuSeconds: 0, runs: 0 }
    const entry = phases[phase]
    entry.cpuSeconds = Number((entry.cpuSeconds + Number(match[1]) + Number(match[2])).toFixed(2))
    entry.runs += 1
  }
  return phases
}
