// npm run reliability: runs the reliability and security suite (vitest.reliability.config.mts),
// then prints the table of figures (and the same as JSON) and exits non-zero unless every figure
// is perfect. CI=true or RELIABILITY_SCALE=ci runs the reduced counts; RELIABILITY_SEED replays
// the random kill moments of an earlier run. Extra arguments go to vitest (e.g. a file filter).
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const scale = process.env.RELIABILITY_SCALE ?? (process.env.CI === 'true' ? 'ci' : 'full')
const seed = process.env.RELIABILITY_SEED ?? String((Date.now() ^ (process.pid << 16)) >>> 0)
const results = mkdtempSync(join(tmpdir(), 'castdesk-reliability-'))
const SECTIONS = ['crash', 'hostile', 'storage', 'access', 'load', 'catalog', 'storages', 'recovery', 'feeds']
const TITLES = {
  crash: '1. Crash safety (SIGKILL)',
  hostile: '2. Hostile input',
  storage: '3. Storage faults',
  access: '4. Access',
  load: '5. Load',
  catalog: '6. Catalog',
  storages: '7. Storages',
  recovery: '8. Recovery (library snapshots)',
  feeds: '9. Feeds',
}

/** An error's message and its first frames outside node_modules. */
const firstLines = (message) =>
  message
    .split('\n')
    .filter((text) => !/^\s*at .*(node_modules|node:internal|<anonymous>)/.test(text))
    .slice(0, 12)

/** The failed tests of vitest's JSON report, each with the first lines of its errors. */
function failedTests(report) {
  let parsed
  try {
    parsed = JSON.parse(readFileSync(report, 'utf8'))
  } catch {
    return []
  }
  return (parsed.testResults ?? []).flatMap((file) => {
    const name = file.name ? file.name.slice(root.length + 1) : '?'
    const tests = (file.assertionResults ?? []).filter((test) => test.status === 'failed')
    const failures = tests.map((test) => ({
      file: name,
      name: test.fullName ?? test.title,
      messages: (test.failureMessages ?? []).flatMap(firstLines),
    }))
    // An error outside any test (a hook, an import) fails the file without a failed test.
    if (!failures.length && file.status === 'failed' && file.message)
      failures.push({ file: name, name: '(the file)', messages: firstLines(file.message) })
    return failures
  })
}

process.stderr.write(`reliability: scale ${scale}, seed ${seed} (RELIABILITY_SEED=${seed} replays it)\n`)
const started = Date.now()
const vitest = spawn(
  join(root, 'node_modules', '.bin', 'vitest'),
  [
    'run',
    '--config',
    'vitest.reliability.config.mts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(results, 'vitest-report.json.out')}`,
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, RELIABILITY_SCALE: scale, RELIABILITY_SEED: seed, RELIABILITY_RESULTS: results },
  },
)
const vitestCode = await new Promise((resolve) =>
  vitest.on('close', (code, signal) => resolve(code ?? signal)),
)
const seconds = Math.round((Date.now() - started) / 1000)

const testFailures = failedTests(join(results, 'vitest-report.json.out'))
const figures = readdirSync(results)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(join(results, name), 'utf8')))
  .sort((a, b) => SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section))
rmSync(results, { recursive: true, force: true })

const perfect = (f) => f.tried > 0 && f.ok === f.tried && f.failures.length === 0
const rows = figures.map((f) => ({
  section: TITLES[f.section] ?? f.section,
  name: f.name,
  figure: `${f.ok} / ${f.tried}`,
  measure: f.measure,
  verdict: perfect(f) ? 'perfect' : 'FAILED',
  values: f.values ?? {},
}))

const widths = ['section', 'name', 'figure', 'measure', 'verdict'].map((key) =>
  Math.max(key.length, ...rows.map((row) => String(row[key]).length)),
)
const line = (cells) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`
const out = []
out.push('')
out.push(`Castdesk reliability — scale ${scale}, seed ${seed}, ${seconds} s`)
out.push(line(['section', 'name', 'figure', 'measure', 'verdict']))
out.push(line(widths.map((w) => '-'.repeat(w))))
for (const row of rows) out.push(line([row.section, row.name, row.figure, row.measure, row.verdict]))
out.push('')
for (const f of figures) {
  const values = Object.entries(f.values ?? {}).filter(([k]) => k !== 'seed')
  const notes = f.section === 'crash' ? [] : (f.notes ?? [])
  if (values.length || notes.length)
    out.push(
      `${f.name}: ${[values.map(([k, v]) => `${k} ${v}`).join(', '), ...notes].filter(Boolean).join('; ')}`,
    )
}
const failed = figures.filter((f) => !perfect(f))
for (const f of failed) {
  out.push('')
  out.push(`FAILED ${f.section} / ${f.name}:`)
  for (const failure of f.failures.slice(0, 20)) out.push(`  - ${failure.split('\n')[0]}`)
}
// A test that threw before recording its figure shows here, in the tail CI keeps.
for (const test of testFailures) {
  out.push('')
  out.push(`FAILED test ${test.file} > ${test.name}:`)
  for (const message of test.messages) out.push(`  ${message}`)
}
const missing = SECTIONS.filter((s) => !figures.some((f) => f.section === s))
if (process.argv.length <= 2 && missing.length)
  out.push(`\nMISSING sections (no figures recorded): ${missing.join(', ')}`)
const totals = { tried: 0, ok: 0 }
for (const f of figures) {
  totals.tried += f.tried
  totals.ok += f.ok
}
out.push('')
out.push(
  `${failed.length === 0 && vitestCode === 0 ? 'ALL PERFECT' : 'NOT PERFECT'}: ${totals.ok} / ${totals.tried} across ${figures.length} figures; vitest exit ${vitestCode}`,
)
// The JSON first: the table, the failures and the verdict end the output, where a log's tail is.
const json = { scale, seed: Number(seed), seconds, vitestExit: vitestCode, figures }
process.stdout.write(`\nRELIABILITY_JSON ${JSON.stringify(json)}\n`)
process.stdout.write(`${out.join('\n')}\n`)
if (process.env.RELIABILITY_JSON_OUT)
  writeFileSync(process.env.RELIABILITY_JSON_OUT, `${JSON.stringify(json, null, 2)}\n`)
const incomplete = process.argv.length <= 2 && missing.length > 0
process.exitCode = failed.length === 0 && vitestCode === 0 && figures.length > 0 && !incomplete ? 0 : 1
