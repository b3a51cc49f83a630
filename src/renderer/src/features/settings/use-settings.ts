import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ConfigState } from '../../../../shared/api/config.api'
import type { CastdeskConfig } from '../../../../shared/config-schema'
import { messageOf, requireClient } from '../../lib/client'
import { type Issues, issuesFromMessage, validateConfig } from './config-issues'

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; restartNeeded: string[] }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string }

/** The settings form: the saved config, a draft checked live by the schema, and saving it. */
export function useSettings() {
  const [saved, setSaved] = useState<ConfigState | null>(null)
  const [draft, setDraft] = useState<CastdeskConfig | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const [showAll, setShowAll] = useState(false)
  const [serverIssues, setServerIssues] = useState<Issues>({})
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' })

  const load = useCallback(async () => {
    try {
      const state = await requireClient().call('config.show', {})
      setSaved(state)
      setDraft(state.config)
      setTouched(new Set())
      setShowAll(false)
      setServerIssues({})
      setLoadError(null)
    } catch (e) {
      setLoadError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const allIssues = useMemo(() => (draft ? validateConfig(draft) : {}), [draft])
  /** What the form shows: issues of fields changed so far (all of them after a save was tried). */
  const issues = useMemo(() => {
    const shown: Issues = { ...serverIssues }
    for (const [path, message] of Object.entries(allIssues)) {
      if (showAll || [...touched].some((t) => path === t || path.startsWith(`${t}.`))) shown[path] = message
    }
    return shown
  }, [allIssues, serverIssues, showAll, touched])

  /**
   * Changes the draft; `path` marks the field as touched, so its problems show at once (not for
   * something just added, whose empty fields are not mistakes yet).
   */
  const change = useCallback(
    (path: string, update: (config: CastdeskConfig) => CastdeskConfig, touch = true) => {
      setDraft((current) => (current ? update(current) : current))
      if (touch) setTouched((set) => new Set(set).add(path))
      setServerIssues(({ [path]: _gone, ...rest }) => rest)
      setStatus({ kind: 'idle' })
    },
    [],
  )

  const save = useCallback(async () => {
    if (!draft || !saved) return
    if (Object.keys(allIssues).length > 0) {
      setShowAll(true)
      setStatus({ kind: 'invalid' })
      return
    }
    setStatus({ kind: 'saving' })
    try {
      const state = await requireClient().call('config.update', { config: draft, revision: saved.revision })
      setSaved(state)
      setDraft(state.config)
      setTouched(new Set())
      setShowAll(false)
      // A storage added here is set up the one way a storage is: its folder and marker (storages init).
      const added = Object.keys(state.config.storages).filter((name) => !(name in saved.config.storages))
      for (const name of added) await requireClient().call('storage.init', { name })
      setStatus({ kind: 'saved', restartNeeded: state.restartNeeded })
    } catch (e) {
      const fromServer = issuesFromMessage(messageOf(e))
      setServerIssues(fromServer)
      setStatus(
        Object.keys(fromServer).length ? { kind: 'invalid' } : { kind: 'failed', message: messageOf(e) },
      )
    }
  }, [draft, saved, allIssues])

  const dirty = useMemo(
    () => saved !== null && draft !== null && JSON.stringify(saved.config) !== JSON.stringify(draft),
    [saved, draft],
  )
  return { saved, draft, loadError, issues, status, dirty, change, save, revert: load }
}
