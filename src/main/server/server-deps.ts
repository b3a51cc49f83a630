import type { Library } from '../library/library'
import type { Authenticator } from './auth'
import type { EventHub } from './event-hub'
import type { HttpCall } from './http-operations'

/** What the route modules share: the contract (over HTTP), events, auth and the library folder. */
export interface ServerDeps {
  call: HttpCall
  hub: EventHub
  auth: Authenticator
  /** For the staging folder and upload limits only: every operation goes through `call`. */
  library: Library
}
