import { CastdeskError } from '../../shared/errors'
import type { AudioFormatName } from '../../shared/media'
import { type AudioProbe, interpretAudioProbe } from '../media/audio/audio-probe'
import { AUDIO_MIME, type ImageFormat, type VideoContainer } from '../media/detect'
import { type ImageProbe, probeImage } from '../media/images/image-probe'
import { type FfprobeResult, ffprobe } from '../media/tools/ffprobe'
import { findVideoStream, interpretVideoProbe, type VideoProbe } from '../media/video/video-probe'
import type { Classified } from './classify'

export type Probed =
  | { type: 'image'; mime: string; extension: string; image: ImageProbe }
  | { type: 'audio'; mime: string; extension: string; format: AudioFormatName; audio: AudioProbe }
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
