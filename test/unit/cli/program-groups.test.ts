import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { buildProgram, COMMAND_GROUPS, commandNamed } from '../../../src/main/cli/program'

/** A command's whole tree as text: its help, then each subcommand's, depth first. */
function helpTree(command: Command): string {
  return [command.helpInformation(), ...command.commands.map(helpTree)].join('\n')
}

const argv = (...args: string[]) => ['node', 'castdesk', ...args]

describe('the CLI registers only the command groups a command line needs', () => {
  it('lists, for each group, exactly the top-level commands it adds or extends', () => {
    for (const group of COMMAND_GROUPS) {
      const alone = new Command('castdesk')
      group.register(alone, () => ({}))
      expect(alone.commands.map((command) => command.name()).sort()).toEqual([...group.commands].sort())
    }
  })

  it('builds every command exactly as the whole program does: options, help and subcommands', () => {
    const full = buildProgram('1.2.3')
    const names = full.commands.map((command) => command.name())
    expect(names.length).toBeGreaterThanOrEqual(25)
    for (const name of names) {
      const lean = buildProgram('1.2.3', argv('--library', '/x', '--json', name, '--help'))
      expect(lean.commands.length, name).toBeLessThan(full.commands.length)
      const ours = lean.commands.find((command) => command.name() === name)
      const whole = full.commands.find((command) => command.name() === name)
      expect(ours && helpTree(ours), name).toBe(whole && helpTree(whole))
    }
  })

  it('builds the whole program for help, a bare call and an unknown name, which it still suggests', async () => {
    const full = buildProgram('1.2.3').commands.length
    for (const args of [[], ['--help'], ['help', 'sync'], ['synk'], ['--library', 'sync']])
      expect(buildProgram('1.2.3', argv(...args)).commands.length, args.join(' ')).toBe(full)
    let printed = ''
    const program = buildProgram('1.2.3', argv('synk')).configureOutput({
      writeErr: (text) => {
        printed += text
      },
    })
    await expect(program.parseAsync(argv('synk'))).rejects.toMatchObject({ code: 'commander.unknownCommand' })
    expect(printed).toContain('Did you mean sync?')
  })

  it('reads the command name past the global options and their values', () => {
    expect(commandNamed(argv('--library', 'lib', '--user', 'ann', '--json', 'sync', '--dry-run'))).toBe(
      'sync',
    )
    expect(commandNamed(argv('--library', 'sync'))).toBeUndefined()
    expect(commandNamed(argv('--', 'sync'))).toBeUndefined()
    expect(commandNamed(argv())).toBeUndefined()
  })

  it('prints the version without building any command', () => {
    expect(buildProgram('1.2.3', argv('--version')).commands).toEqual([])
    expect(buildProgram('1.2.3', argv('--version', '--help')).commands.length).toBeGreaterThanOrEqual(25)
  })
})
