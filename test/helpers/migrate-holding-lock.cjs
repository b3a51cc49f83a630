// Plays another process that opens the same fresh library database first: it takes the write
// lock, applies the schema and user_version, prints "locked", keeps the lock for HOLD_MS and
// commits. Usage: node migrate-holding-lock.cjs DB_PATH USER_VERSION HOLD_MS SQL
'use strict'
const { writeSync } = require('node:fs')
const Database = require('better-sqlite3')

const [path, version, holdMs, sql] = process.argv.slice(2)
const db = new Database(path)
db.pragma('journal_mode = WAL')
db.exec('BEGIN IMMEDIATE')
db.exec(sql)
db.pragma(`user_version = ${Number(version)}`)
writeSync(1, 'locked\n')
setTimeout(() => {
  db.exec('COMMIT')
  db.close()
  writeSync(1, 'committed\n')
}, Number(holdMs))
