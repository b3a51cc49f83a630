import { readFile } from 'node:fs/promises'
import type SharpFactory from 'sharp'
import { CastdeskError } from '../../../shared/errors'
import { lazy, requireLazily } from '../../platform/lazy'
import { extractFrame, type FrameRequest } from './poster-executor'

const sharp = lazy(() => requireLazily('sharp') as typeof SharpFactory)

export interface PosterFrameData {
  data: Buffer
  /** The JPEG's real pixel size, read back from the file. */
  width: number
  height: number
  /** Where the frame was taken. */
  seconds: number
}

/**
 * Takes the poster frame at the first of `attempts` (seconds) where the video has a picture.
 * ffmpeg failures become `corrupt_media` naming the file; a timeout stays `tool_timeout` (a job
 * retries it) and a missing ffmpeg stays `tool_missing`.
 */
export async function takePosterFrame(
  ffmpegPath: string,
  request: Omit<FrameRequest, 'seconds'> & { attempts: readonly number[]; fileLabel: string },
): Promise<PosterFrameData> {
  const { attempts, fileLabel, ...frame } = request
  for (const seconds of attempts) {
    let found: boolean
    try {
      found = await extractFrame(ffmpegPath, { ...frame, seconds })
    } catch (error) {
      if (error instanceof CastdeskError && error.code === 'tool_failed') {
        throw new CastdeskError(
          'corrupt_media',
          `No poster could be made from ${fileLabel}: ffmpeg could not decode it at ${seconds} s (${error.message}). The file is damaged: re-export the video and import it again.`,
          { cause: error },
        )
      }
      throw error
    }
    if (!found) continue
    const data = await readFile(frame.output)
    const meta = await sharp()(data).metadata()
    if (!meta.width || !meta.height) break
    return { data, width: meta.width, height: meta.height, seconds }
  }
  throw new CastdeskError(
    'corrupt_media',
    `No poster could be made from ${fileLabel}: it has no readable picture at ${attempts.join(' s, ')} s. The file is damaged or its pictures end early: re-export the video and import it again.`,
  )
}
