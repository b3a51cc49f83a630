// The environment of a podcaster's machine for start-up figures: this build machine sets CA-bundle
// variables for every tool; Node parses NODE_EXTRA_CA_CERTS (about 200 KB of certificates) at every
// start and the AWS SDK reads AWS_CA_BUNDLE, which rclone and a typical desktop do not pay.
// Both sides of a comparison run in this same environment.
export const SANDBOX_CA_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'AWS_CA_BUNDLE']

export function typicalEnv(extra = {}) {
  const env = { ...process.env, ...extra }
  for (const name of SANDBOX_CA_VARIABLES) delete env[name]
  return env
}
