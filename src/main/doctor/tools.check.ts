import { CastdeskError, toErrorBody } from '../../shared/errors'
import { runTool } from '../media/tools/run-tool'
import { resolveTool, type ToolName } from '../media/tools/tool-paths'
import { type CheckResult, failure, ok, warning } from './check'

/** What Castdesk asks of each tool: posters need the mjpeg encoder; probing needs these decoders. */
const NEEDED: Record<ToolName, { encoders: string[]; decoders: string[] }> = {
  ffmpeg: { encoders: ['mjpeg', 'pcm_s16le'], decoders: ['mp3', 'aac', 'vorbis', 'opus', 'h264', 'vp9'] },
  ffprobe: { encoders: [], decoders: ['mp3', 'aac', 'vorbis', 'opus', 'h264', 'vp9'] },
}

export async function checkTool(name: ToolName, env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const id = `tool.${name}`
  let path: string
  let source: string
  try {
    ;({ path, source } = resolveTool(name, env))
  } catch (error) {
    return failure(id, name, toErrorBody(error).message)
  }
  try {
    const output = (await runTool(path, ['-hide_banner', '-version'], { timeoutMs: 10_000 })).stdout
    const version = `${name} ${/version (\S+)/.exec(output)?.[1] ?? 'of unknown version'}`
    const missing = await missingCodecs(name, path)
    const details = { path, source, version }
    if (missing.length === 0) return ok(id, name, `${version} (${source}: ${path}).`, details)
    return warning(
      id,
      name,
      `${name} at ${path} lacks ${missing.join(', ')}; some media will fail. Install a full FFmpeg build (Debian/Ubuntu: sudo apt-get install ffmpeg) and set ${name.toUpperCase()}_PATH to it.`,
      { ...details, missing },
    )
  } catch (error) {
    const message = error instanceof CastdeskError ? error.message : String(error)
    return failure(
      id,
      name,
      `${name} at ${path} does not run (${message}). Reinstall it or set ${name.toUpperCase()}_PATH to a working binary.`,
      { path, source },
    )
  }
}

async function missingCodecs(name: ToolName, path: string): Promise<string[]> {
  const { encoders, decoders } = NEEDED[name]
  const missing: string[] = []
  if (name === 'ffmpeg' && encoders.length) {
    const listed = codecNames(
      (await runTool(path, ['-hide_banner', '-encoders'], { timeoutMs: 10_000 })).stdout,
    )
    missing.push(...encoders.filter((codec) => !listed.has(codec)).map((codec) => `the ${codec} encoder`))
  }
  const listed = codecNames(
    (await runTool(path, ['-hide_banner', '-decoders'], { timeoutMs: 10_000 })).stdout,
  )
  missing.push(...decoders.filter((codec) => !listed.has(codec)).map((codec) => `the ${codec} decoder`))
  return missing
}

/** Codec names from `-encoders`/`-decoders` output lines like ` V....D mjpeg   MJPEG ...`. */
function codecNames(listing: string): Set<string> {
  const names = new Set<string>()
  for (const line of listing.split('\n')) {
    const match = /^\s[A-Z.]{6}\s+(\S+)/.exec(line)
    if (match?.[1]) names.add(match[1])
  }
  return names
}
