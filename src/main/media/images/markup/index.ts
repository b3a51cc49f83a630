export { type GalleryItem, galleryMarkup, galleryThumbnailMarkup } from './gallery-markup'
export { type Attribute, attributes, escapeHtml } from './html-escape'
export {
  fallbackSource,
  type PictureOptions,
  pictureMarkup,
  REGULAR_SIZES_PREFIX,
  regularPictureMarkup,
  srcsetValue,
} from './picture-markup'
