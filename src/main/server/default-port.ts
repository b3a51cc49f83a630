/** The port `castdesk serve` listens on unless told otherwise (127.0.0.1 only). */
export const DEFAULT_PORT = 7410
