import { type Command, InvalidArgumentError } from 'commander'
import { CastdeskError } from '../../../shared/errors'

/** `--person`, `--funding` and `--locked` of `podcast init|edit` and `episode add|edit` (Podcasting 2.0). */

interface PersonArg {
  name: string
  role?: string
  img?: string
  href?: string
}

export interface PeopleOptions {
  person?: PersonArg[]
  /** false: --no-persons */
  persons?: boolean
}

export interface FundingOptions {
  funding?: Array<{ url: string; text: string }> | false
  locked?: 'yes' | 'no' | 'none'
  lockOwner?: string
}

/** `NAME|ROLE|IMG|HREF`, everything after the name optional. */
function parsePerson(value: string, previous: PersonArg[] = []): PersonArg[] {
  const [name = '', role, img, href] = value.split('|').map((part) => part.trim())
  if (!name) throw new InvalidArgumentError(`"${value}" names nobody: give NAME|ROLE|IMAGE-URL|PAGE-URL.`)
  return [
    ...previous,
    { name, ...(role ? { role } : {}), ...(img ? { img } : {}), ...(href ? { href } : {}) },
  ]
}

function parseFunding(value: string, previous: Array<{ url: string; text: string }> | false = []) {
  const bar = value.indexOf('|')
  const url = (bar < 0 ? value : value.slice(0, bar)).trim()
  return [...(previous || []), { url, text: bar < 0 ? '' : value.slice(bar + 1).trim() }]
}

function parseLocked(value: string): 'yes' | 'no' | 'none' {
  if (value === 'yes' || value === 'no' || value === 'none') return value
  throw new InvalidArgumentError(`"${value}" is not a lock state: use yes, no or none.`)
}

export function peopleOptions(command: Command, who: 'hosts' | 'guests'): Command {
  return command
    .option(
      '--person <NAME|ROLE|IMG|HREF>',
      `podcast:person (repeat; replaces the ${who}): name, then optionally role (default ${who === 'hosts' ? 'host' : 'guest'}), picture URL, page URL, separated by |`,
      parsePerson,
    )
    .option('--no-persons', `remove every podcast:person of the ${who === 'hosts' ? 'podcast' : 'episode'}`)
}

export function fundingOptions(command: Command): Command {
  return command
    .option(
      '--funding <URL|TEXT>',
      'podcast:funding link and its text (repeat; replaces the links)',
      parseFunding,
    )
    .option('--no-funding', 'remove every podcast:funding link')
    .option(
      '--locked <state>',
      'podcast:locked: yes (other platforms may not import the show), no, or none',
      parseLocked,
    )
    .option('--lock-owner <email>', "podcast:locked's owner e-mail (default: the owner e-mail)")
}

/** The contract's `persons` from the options (undefined: unchanged). */
export function personsInput(options: PeopleOptions, role: 'host' | 'guest') {
  if (options.persons === false) {
    if (options.person) throw new CastdeskError('invalid_input', 'Give --person or --no-persons, not both.')
    return []
  }
  return options.person?.map((p) => ({ ...p, role: p.role ?? role }))
}

/** The contract's `funding` and `locked` from the options (undefined: unchanged). */
export function fundingInput(options: FundingOptions) {
  if (options.lockOwner !== undefined && (options.locked === undefined || options.locked === 'none'))
    throw new CastdeskError('invalid_input', 'Give --locked yes or --locked no with --lock-owner.')
  return {
    funding: options.funding === false ? [] : options.funding,
    locked:
      options.locked === undefined
        ? undefined
        : options.locked === 'none'
          ? null
          : { locked: options.locked === 'yes', owner: options.lockOwner ?? '' },
  }
}
