// Everything the CLI needs from the engine, in one module that the commands load on first use
// (see loadEngine), so that `castdesk --version` and `--help` never load it.
export { callThrough } from '../api/access-rules'
export { createDispatcher } from '../api/dispatch'
export { createHandlers } from '../api/handlers'
export { actingUser } from '../api/users.handlers'
export { runDoctor } from '../doctor/doctor'
export { Library } from '../library/library'
export { describeNewCatalog, startNewCatalog } from '../library/new-catalog'
export { backupServiceFor } from '../library-backup/backup-service-for'
export { startDailySnapshots } from '../library-backup/daily-snapshots'
export { restoreLibrary } from '../library-backup/restore/library-restore.service'
export { followLog, formatEntry, readLogEntries } from '../logging/log-reader'
