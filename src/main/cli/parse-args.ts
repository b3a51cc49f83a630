import { InvalidArgumentError } from 'commander'

export function parseId(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`"${value}" is not an id: use a positive whole number, e.g. 12.`)
  }
  return Number(value)
}
