import { useEffect, useState } from "react"
import { commonPasswordLookup } from "../passwordRules"

/**
 * The server's own common-password list, loaded on demand as a separate chunk so the sign-up
 * page checks exactly what the server will check.
 */
export function useCommonPasswords(): ((candidate: string) => boolean) | undefined {
  const [lookup, setLookup] = useState<(candidate: string) => boolean>()
  useEffect(() => {
    let live = true
    import("@server/auth/common_passwords.txt?raw").then((mod) => {
      if (live) setLookup(() => commonPasswordLookup(mod.default))
    })
    return () => {
      live = false
    }
  }, [])
  return lookup
}
