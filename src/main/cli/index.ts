import { toErrorBody } from '../../shared/errors'
import { buildProgram } from './program'

declare const __CASTDESK_VERSION__: string | undefined

const EXIT_USAGE = 2
const EXIT_FAILURE = 1

async function main(argv: string[]): Promise<void> {
  const program = buildProgram(typeof __CASTDESK_VERSION__ === 'string' ? __CASTDESK_VERSION__ : 'dev', argv)
  try {
    await program.parseAsync(argv)
  } catch (error) {
    const commanderCode = (error as { code?: string }).code
    if (commanderCode?.startsWith('commander.')) {
      const helpOrVersion = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(
        commanderCode,
      )
      process.exitCode = helpOrVersion ? 0 : EXIT_USAGE
      return
    }
    const body = toErrorBody(error)
    if (program.opts().json) process.stdout.write(`${JSON.stringify({ error: body }, null, 2)}\n`)
    process.stderr.write(`castdesk: ${body.message} [${body.code}]\n`)
    process.exitCode = body.code === 'invalid_input' ? EXIT_USAGE : EXIT_FAILURE
  }
}

void main(process.argv)
