import type { BlockInput, BlockType } from '../../../../shared/api/podcasts.api'
import { ImageChip, PickedImage } from './ImageChip'
import { MediaPicker } from './MediaPicker'

/** A block being edited: always with its id (kept across saves; the list's key). */
export type DraftBlock = BlockInput & { id: string }

const NEW_BLOCK: Record<BlockType, () => BlockInput> = {
  heading: () => ({ type: 'heading', text: '' }),
  paragraph: () => ({ type: 'paragraph', markdown: '' }),
  image: () => ({ type: 'image', image: 0 }),
  gallery: () => ({ type: 'gallery', images: [] }),
  audio: () => ({ type: 'audio', audio: 0 }),
  video: () => ({ type: 'video', video: 0 }),
}

const LABEL: Record<BlockType, string> = {
  heading: 'Heading',
  paragraph: 'Text',
  image: 'Image',
  gallery: 'Gallery',
  audio: 'Audio',
  video: 'Video',
}

interface Props {
  blocks: DraftBlock[]
  onChange: (blocks: DraftBlock[]) => void
}

/** The body: add, reorder and remove blocks; media blocks choose from the library. */
export function BlockList({ blocks, onChange }: Props) {
  const replace = (index: number, block: DraftBlock) =>
    onChange(blocks.map((b, i) => (i === index ? block : b)))
  const move = (index: number, by: number) => {
    const next = [...blocks]
    const [moved] = next.splice(index, 1)
    next.splice(index + by, 0, moved as DraftBlock)
    onChange(next)
  }
  const add = (type: BlockType) =>
    onChange([...blocks, { ...NEW_BLOCK[type](), id: crypto.randomUUID() } as DraftBlock])
  return (
    <section className="blocks" aria-label="Body blocks">
      <ol className="block-list">
        {blocks.map((block, index) => (
          <li key={block.id} className="block-item" aria-label={`Block ${index + 1}: ${LABEL[block.type]}`}>
            <div className="block-head">
              <span className="pill">{LABEL[block.type]}</span>
              <span className="block-tools">
                <button
                  type="button"
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={`Move block ${index + 1} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  disabled={index === blocks.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={`Move block ${index + 1} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => onChange(blocks.filter((_, i) => i !== index))}
                  aria-label={`Remove block ${index + 1}`}
                >
                  Remove
                </button>
              </span>
            </div>
            <BlockFields block={block} index={index} onChange={(b) => replace(index, b)} />
          </li>
        ))}
      </ol>
      <fieldset className="row block-add">
        <legend className="visually-hidden">Add a block</legend>
        {(Object.keys(LABEL) as BlockType[]).map((type) => (
          <button key={type} type="button" onClick={() => add(type)}>
            + {LABEL[type]}
          </button>
        ))}
      </fieldset>
    </section>
  )
}

function BlockFields({
  block,
  index,
  onChange,
}: {
  block: DraftBlock
  index: number
  onChange: (b: DraftBlock) => void
}) {
  const id = (value: number | null) => value ?? 0
  const pick = (value: number) => (value === 0 ? null : value)
  switch (block.type) {
    case 'heading':
      return (
        <input
          aria-label={`Heading of block ${index + 1}`}
          value={block.text}
          onChange={(e) => onChange({ ...block, text: e.target.value })}
        />
      )
    case 'paragraph':
      return (
        <textarea
          aria-label={`Text of block ${index + 1} (Markdown)`}
          rows={4}
          value={block.markdown}
          onChange={(e) => onChange({ ...block, markdown: e.target.value })}
        />
      )
    case 'image':
      return (
        <div className="image-edit">
          <PickedImage id={pick(block.image)} />
          <MediaPicker
            type="image"
            label={`Image of block ${index + 1}`}
            value={pick(block.image)}
            onChange={(v) => onChange({ ...block, image: id(v) })}
          />
        </div>
      )
    case 'audio':
      return (
        <MediaPicker
          type="audio"
          label={`Audio of block ${index + 1}`}
          value={pick(block.audio)}
          onChange={(v) => onChange({ ...block, audio: id(v) })}
        />
      )
    case 'video':
      return (
        <MediaPicker
          type="video"
          label={`Video of block ${index + 1}`}
          value={pick(block.video)}
          onChange={(v) => onChange({ ...block, video: id(v) })}
        />
      )
    case 'gallery':
      return (
        <div className="gallery-edit">
          <ul className="chips" aria-label={`Images of gallery block ${index + 1}`}>
            {block.images.map((image, position) => (
              <ImageChip
                // biome-ignore lint/suspicious/noArrayIndexKey: a gallery may hold the same image twice
                key={`${image}-${position}`}
                id={image}
                onRemove={() => onChange({ ...block, images: block.images.filter((_, i) => i !== position) })}
              />
            ))}
          </ul>
          <MediaPicker
            type="image"
            label={`Add an image to gallery block ${index + 1}`}
            value={null}
            onChange={(v) => v !== null && onChange({ ...block, images: [...block.images, v] })}
          />
        </div>
      )
  }
}
