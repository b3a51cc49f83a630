import { accessSync, constants, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, join } from 'node:path'
import { CastdeskError } from '../../../shared/errors'
import { unpackedAsarPath } from './asar-path'

export type ToolName = 'ffmpeg' | 'ffprobe'

export interface ResolvedTool {
  name: ToolName
  path: string
  source: 'environment' | 'npm package' | 'PATH'
}

const ENV_VARIABLE: Record<ToolName, string> = { ffmpeg: 'FFMPEG_PATH', ffprobe: 'FFPROBE_PATH' }
const NPM_PACKAGE: Record<ToolName, string> = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
}

/**
 * Finds ffmpeg/ffprobe: `FFMPEG_PATH`/`FFPROBE_PATH` first, then the binary shipped in the npm
 * package, then `PATH`. A missing binary is an error that says how to fix it.
 */
export function resolveTool(name: ToolName, env: NodeJS.ProcessEnv): ResolvedTool {
  const variable = ENV_VARIABLE[name]
  const fromEnv = env[variable]
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new CastdeskError(
        'tool_missing',
        `${variable} is set to "${fromEnv}", but there is no runnable ${name} there. Point ${variable} at the ${name} binary or unset it to use the bundled one.`,
      )
    }
    return { name, path: fromEnv, source: 'environment' }
  }
  const fromPackage = packagedBinary(name)
  if (fromPackage) return { name, path: fromPackage, source: 'npm package' }
  const fromPath = searchPath(name, env.PATH ?? '')
  if (fromPath) return { name, path: fromPath, source: 'PATH' }
  throw new CastdeskError(
    'tool_missing',
    `${name} was not found. Install FFmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg) or set ${variable} to the ${name} binary.`,
  )
}

function packagedBinary(name: ToolName): string | null {
  try {
    const { path } = createRequire(import.meta.url)(NPM_PACKAGE[name]) as { path: string }
    const runnable = unpackedAsarPath(path)
    return isExecutable(runnable) ? runnable : null
  } catch {
    return null
  }
}

function searchPath(name: string, pathVariable: string): string | null {
  const names = process.platform === 'win32' ? [`${name}.exe`] : [name]
  for (const dir of pathVariable.split(delimiter).filter(Boolean)) {
    for (const candidate of names) {
      const path = join(dir, candidate)
      if (isExecutable(path)) return path
    }
  }
  return null
}

function isExecutable(path: string): boolean {
  if (!existsSync(path)) return false
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}
