import type SharpFactory from 'sharp'
import { lazy, requireLazily } from '../../platform/lazy'

const sharp = lazy(() => requireLazily('sharp') as typeof SharpFactory)

/**
 * A JPEG of an image for embedding in audio files (ID3 APIC, MP4 covr): EXIF orientation applied,
 * alpha flattened onto white, at most `maxSize` pixels on each side (Apple: 3000), baseline JPEG.
 */
export async function coverJpeg(input: string, output: string, maxSize: number): Promise<void> {
  await sharp()(input, { failOn: 'error' })
    .rotate()
    .resize({ width: maxSize, height: maxSize, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 88, chromaSubsampling: '4:2:0' })
    .toFile(output)
}
