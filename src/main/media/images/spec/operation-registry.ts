import { BackgroundColorOperation } from './operations/bgcolor.operation'
import { FillOperation } from './operations/fill.operation'
import { FormatOperation } from './operations/format.operation'
import { HeightOperation } from './operations/height.operation'
import { MaxOperation } from './operations/max.operation'
import { MinOperation } from './operations/min.operation'
import { OriginalOperation } from './operations/original.operation'
import { QualityOperation } from './operations/quality.operation'
import { ScaleOperation } from './operations/scale.operation'
import { SrgbOperation } from './operations/srgb.operation'
import { WidthOperation } from './operations/width.operation'

/** Operations that change the geometry; they run left to right on a virtual transform. */
export type TransformOperation =
  | FillOperation
  | MaxOperation
  | MinOperation
  | WidthOperation
  | HeightOperation
  | ScaleOperation

/** Operations that choose output settings; they run after every transform, wherever they appear. */
export type FilterOperation =
  | OriginalOperation
  | FormatOperation
  | QualityOperation
  | BackgroundColorOperation
  | SrgbOperation

export type ImageOperation = TransformOperation | FilterOperation

type OperationFactory = (part: string, args: readonly string[]) => ImageOperation

const REGISTRY: Readonly<Record<string, OperationFactory>> = {
  fill: (part, args) => new FillOperation(part, args),
  max: (part, args) => new MaxOperation(part, args),
  min: (part, args) => new MinOperation(part, args),
  width: (part, args) => new WidthOperation(part, args),
  height: (part, args) => new HeightOperation(part, args),
  scale: (part, args) => new ScaleOperation(part, args),
  original: (part, args) => new OriginalOperation(part, args),
  format: (part, args) => new FormatOperation(part, args),
  jpegquality: (part, args) => new QualityOperation('jpegquality', part, args),
  webpquality: (part, args) => new QualityOperation('webpquality', part, args),
  avifquality: (part, args) => new QualityOperation('avifquality', part, args),
  bgcolor: (part, args) => new BackgroundColorOperation(part, args),
  srgb: (part, args) => new SrgbOperation(part, args),
}

export const OPERATION_NAMES: readonly string[] = Object.keys(REGISTRY)

/** The factory registered under `name`, or undefined (never an Object.prototype member). */
export function operationFactory(name: string): OperationFactory | undefined {
  return Object.hasOwn(REGISTRY, name) ? REGISTRY[name] : undefined
}
