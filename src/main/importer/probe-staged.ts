import { stat } from 'node:fs/promises'
import { CastdeskError } from '../../shared/errors'
import type { AudioFormatName } from '../../shared/media'
import { type AudioProbe, interpretAudioProbe } from '../media/audio/audio-probe'
import { interpretMasterProbe, type MasterProbe, wavDataProblem } from '../media/audio/master-probe'
import {
  AUDIO_MIME,
  type ImageFormat,
  type MasterFormat,
  readHeader,
  type VideoContainer,
} from '../media/detect'
import { type ImageProbe, probeImage } from '../media/images/image-probe'
import { type FfprobeResult, ffprobe } from '../media/tools/ffprobe'
import { findVideoStream, interpretVideoProbe, type VideoProbe } from '../media/video/video-probe'
import type { Classified } from './classify'

export type Probed =
  | { type: 'image'; mime: string; extension: string; image: ImageProbe }
  | { type: 'audio'; mime: string; extension: string; format: AudioFormatName; audio: AudioProbe }
  | { type: 'master'; mime: string; extension: string; format: MasterFormat; master: MasterProbe }
  | { type: 'video'; mime: string; extension: string; video: VideoProbe }
  | { type: 'file'; mime: string; extension: string | null }

const IMAGE_EXTENSION: Record<ImageFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  gif: 'gif',
  webp: 'webp',
  avif: 'avif',
  tiff: 'tif',
}

const MP4_FAMILY: readonly VideoContainer[] = ['mp4', 'm4v', 'mov']

/** Reads the metadata of a staged (already copied) file; a file that cannot be read is refused. */
export async function probeStaged(
  staged: string,
  classified: Classified,
  name: string,
  ffprobePath: () => string,
  originalExtension: string,
): Promise<Probed> {
  switch (classified.kind) {
    case 'image': {
      const image = await probeImage(staged, name)
      return { type: 'image', mime: `image/${image.format}`, extension: IMAGE_EXTENSION[image.format], image }
    }
    case 'audio': {
      const audio = interpretAudioProbe(await runProbe(ffprobePath(), staged, name), classified.format, name)
      return {
        type: 'audio',
        mime: classified.mime,
        extension: classified.format,
        format: classified.format,
        audio,
      }
    }
    case 'master': {
      await checkWavData(staged, name)
      const master = interpretMasterProbe(
        await runProbe(ffprobePath(), staged, name),
        classified.format,
        name,
      )
      return {
        type: 'master',
        mime: classified.mime,
        extension: classified.format,
        format: classified.format,
        master,
      }
    }
    case 'video': {
      const probe = await runProbe(ffprobePath(), staged, name)
      if (findVideoStream(probe)) {
        const video = interpretVideoProbe(probe, name)
        return { type: 'video', mime: classified.mime, extension: classified.container, video }
      }
      if (MP4_FAMILY.includes(classified.container)) {
        const audio = interpretAudioProbe(probe, 'm4a', name)
        return { type: 'audio', mime: AUDIO_MIME.m4a, extension: 'm4a', format: 'm4a', audio }
      }
      throw new CastdeskError(
        'unsupported_media',
        `${name} holds no video, only audio in a ${classified.container.toUpperCase()} container. Export the audio as MP3, M4A, Ogg or Opus.`,
      )
    }
    case 'file':
      return { type: 'file', mime: classified.mime, extension: safeExtension(originalExtension) }
  }
}

async function checkWavData(staged: string, name: string): Promise<void> {
  const problem = wavDataProblem(await readHeader(staged, 64 * 1024), (await stat(staged)).size)
  if (problem === 'truncated') {
    throw new CastdeskError(
      'corrupt_media',
      `${name} is truncated: its header promises more audio than the file holds (a copy cut short, or a recorder that stopped before finishing the file). Copy or export it again.`,
    )
  }
  if (problem === 'empty') {
    throw new CastdeskError(
      'corrupt_media',
      `${name} holds no audio (0 samples): the recording was stopped before it started or not saved. Export it again.`,
    )
  }
}

async function runProbe(ffprobePath: string, staged: string, name: string): Promise<FfprobeResult> {
  try {
    return await ffprobe(ffprobePath, staged)
  } catch (error) {
    if (error instanceof CastdeskError && error.code === 'tool_failed') {
      throw new CastdeskError(
        'corrupt_media',
        `${name} could not be read: it is damaged or truncated (${error.message}). Export it again.`,
        { cause: error },
      )
    }
    throw error
  }
}

function safeExtension(extension: string): string | null {
  return /^[a-z0-9]{1,10}$/.test(extension) ? extension : null
}
