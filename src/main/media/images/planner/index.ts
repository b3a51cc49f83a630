export { fittingWidth, roundHalfEven, type Size } from './fitting-width'
export {
  byFallbackPreference,
  FALLBACK_FORMAT_PREFERENCE,
  FORMAT_MIME_TYPES,
  SOURCE_FORMAT_ORDER,
} from './format-preference'
export {
  type ExistingRendition,
  type ImageForSlot,
  resolveImageForSlot,
  resolveImagesForSlots,
  type SlotSource,
  type SrcsetEntry,
} from './image-for-slot'
export {
  type ImageUse,
  planRenditionSync,
  type RenditionSyncPlan,
  type StoredSpec,
} from './rendition-sync-planner'
export {
  type OriginalImage,
  type PlannedRendition,
  type PlannerFormat,
  planResponsive,
  type ResponsiveInput,
  type ResponsivePlan,
  responsiveInput,
  type SlotFormatPlan,
  type SlotKind,
  type SlotPlan,
  type SlotRole,
} from './responsive-planner'
export { srgbCounterpart } from './srgb-counterpart'
