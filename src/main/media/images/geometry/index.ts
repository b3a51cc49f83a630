export { focalPointKey, hashVaryParts, NO_FOCAL_POINT_KEY, pythonStr, renditionFocalKey } from './focal-key'
export type { CropBox, FocalPoint, RenditionPlan, SourceFormat, SourceImage } from './geometry-types'
export { defaultOutputFormat, ENCODER_DEFAULTS, type EncoderDefaults } from './output-settings'
export {
  formatExtension,
  RENDITION_FOLDER,
  renditionFileName,
  renditionStorageKey,
  splitExtension,
} from './rendition-name'
export { planRendition } from './rendition-plan'
