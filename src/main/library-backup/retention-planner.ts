/**
 * Which snapshots the retention rules remove (pure). Kept: the `keepLast` newest verified
 * snapshots and the newest verified one of each of the last `keepDays` UTC days. Nothing is
 * removed unless a verified snapshot newer than it exists, so the newest good copy always stays,
 * and an unverified snapshot newer than every verified one (a backup still under way) is left alone.
 */
export interface RetainedSnapshot {
  name: string
  /** ISO-8601 UTC. */
  time: string
  verified: boolean
}

export interface RetentionPolicy {
  keepLast: number
  keepDays: number
}

export function snapshotsToPrune(
  snapshots: readonly RetainedSnapshot[],
  now: Date,
  policy: RetentionPolicy,
): string[] {
  const newestFirst = [...snapshots].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))
  const verified = newestFirst.filter((s) => s.verified)
  const newestVerified = verified[0]
  if (!newestVerified) return []
  const keep = new Set(verified.slice(0, policy.keepLast).map((s) => s.name))
  const oldestDay = new Date(now.getTime() - policy.keepDays * 86_400_000).toISOString().slice(0, 10)
  const daysSeen = new Set<string>()
  for (const snapshot of verified) {
    const day = snapshot.time.slice(0, 10)
    if (policy.keepDays === 0 || day <= oldestDay || daysSeen.has(day)) continue
    daysSeen.add(day)
    keep.add(snapshot.name)
  }
  return newestFirst.filter((s) => !keep.has(s.name) && s.time < newestVerified.time).map((s) => s.name)
}
