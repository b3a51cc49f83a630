/** Loads the engine (database, media codecs, handlers) when a command first needs it. */
export const loadEngine = () => import('./cli-engine')
